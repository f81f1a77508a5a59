package org.oodrunner.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.BadInputException;

/** Score files as other tools write them: CSV with or without a header, JSON lines of numbers or objects. */
class ScoreFileTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void csvWithAScoreColumn() throws IOException {
        Path f = write("s.csv", "id,score,label\n1,0.5,a\n2,-1.25e1,b\n\n3,inf,\"c,d\"\n");
        assertArrayEquals(new double[] {0.5, -12.5, Double.POSITIVE_INFINITY}, new ScoreFile(f, null, null).read());
    }

    @Test
    void csvWithoutHeaderAndOneColumn() throws IOException {
        Path f = write("s.csv", "1\n2.5\n-3\n");
        assertArrayEquals(new double[] {1, 2.5, -3}, new ScoreFile(f, null, null).read());
    }

    @Test
    void csvColumnByNameAndRowsByValue() throws IOException {
        // The layout of a run's artifacts/scores.csv, dataset labels quoted.
        Path f = write("scores.csv", """
                dataset,role,index,log_likelihood,model_bits_per_dim
                "fashion_mnist/test",in,0,10.5,7.1
                "mnist/test",ood,0,12.0,6.9
                "fashion_mnist/test",in,1,9.5,7.2
                """);
        assertArrayEquals(new double[] {10.5, 9.5},
                new ScoreFile(f, "log_likelihood", "dataset=fashion_mnist/test").read());
        assertArrayEquals(new double[] {6.9}, new ScoreFile(f, "model_bits_per_dim", "role=ood").read());
    }

    @Test
    void jsonLinesOfObjectsAndNumbers() throws IOException {
        Path objects = write("s.jsonl", "{\"id\": 1, \"score\": 0.25}\n{\"id\": 2, \"score\": -4}\n\n");
        assertArrayEquals(new double[] {0.25, -4}, new ScoreFile(objects, null, null).read());
        Path named = write("n.jsonl", "{\"ll\": 1.5, \"set\": \"a\"}\n{\"ll\": 2.5, \"set\": \"b\"}\n");
        assertArrayEquals(new double[] {2.5}, new ScoreFile(named, "ll", "set=b").read());
        Path numbers = write("x.jsonl", "1\n2\n-0.5\n");
        assertArrayEquals(new double[] {1, 2, -0.5}, new ScoreFile(numbers, null, null).read());
    }

    @Test
    void problemsNameTheFileAndLine() throws IOException {
        Path notNumber = write("a.csv", "score\n1\nabc\n");
        BadInputException e = assertThrows(BadInputException.class, () -> new ScoreFile(notNumber, null, null).read());
        assertTrue(e.getMessage().startsWith(notNumber + ":3: 'abc' is not a number"), e.getMessage());

        Path ambiguous = write("b.csv", "x,y\n1,2\n");
        e = assertThrows(BadInputException.class, () -> new ScoreFile(ambiguous, null, null).read());
        assertTrue(e.getMessage().contains("--column"), e.getMessage());

        Path nan = write("c.jsonl", "{\"score\": 1}\n{\"score\": \"NaN\"}\n");
        e = assertThrows(BadInputException.class, () -> new ScoreFile(nan, null, null).read());
        assertTrue(e.getMessage().startsWith(nan + ":2:"), e.getMessage());

        Path badJson = write("d.jsonl", "{\"score\": 1}\n{\"score\": }\n");
        e = assertThrows(BadInputException.class, () -> new ScoreFile(badJson, null, null).read());
        assertTrue(e.getMessage().startsWith(badJson + ":2:"), e.getMessage());

        Path empty = write("e.csv", "score\n");
        e = assertThrows(BadInputException.class, () -> new ScoreFile(empty, null, null).read());
        assertTrue(e.getMessage().contains("no scores"), e.getMessage());

        e = assertThrows(BadInputException.class, () -> new ScoreFile(dir.resolve("missing.csv"), null, null).read());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());

        assertThrows(BadInputException.class, () -> new ScoreFile(empty, null, "no-equals-sign"));
    }

    @Test
    void numbersAreParsedStrictly() {
        assertEquals(-1.5e-3, ScoreFile.parse(" -1.5E-3 "));
        assertEquals(Double.NEGATIVE_INFINITY, ScoreFile.parse("-inf"));
        assertEquals(null, ScoreFile.parse("0x10"));
        assertEquals(null, ScoreFile.parse("1d"));
        assertEquals(null, ScoreFile.parse(""));
    }
}
