package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.BadInputException;

class RunVerifierTest {
    @Test
    void recordsThatDoNotParseAreDamagedAndTheRestIntact(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"status\": \"FINISHED\"}");
        Files.writeString(dir.resolve("spec.yaml"), "name: x\n");
        Files.writeString(dir.resolve("spec.effective.json"), "{\"name\": \"x\"}");
        // a kill in the middle of a line leaves half a row
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"key\":\"train/loss\",\"value\":1.5,\"step\":2,\"timestamp\":1}\n"
                + "{\"key\":\"train/loss\",\"val");
        Files.writeString(dir.resolve("results.json"), "{\"metrics\": {");
        List<RunVerifier.Finding> found = RunVerifier.verify(dir);
        assertEquals(List.of("run.json", "spec.yaml", "spec.effective.json", "metrics.jsonl", "results.json",
                "artifacts/scores.csv"), found.stream().map(RunVerifier.Finding::item).toList());
        assertEquals(List.of(true, true, true, false, false, false),
                found.stream().map(RunVerifier.Finding::intact).toList());
        assertTrue(found.get(3).detail().startsWith("line 2 is not a metric row"), found.get(3).detail());
        assertTrue(found.get(4).detail().startsWith("not valid JSON"), found.get(4).detail());
        assertEquals("missing", found.get(5).detail(), "a finished run has its scores");
    }

    @Test
    void aDirectoryThatIsNoRunIsBadInput(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> RunVerifier.verify(dir));
        assertTrue(e.getMessage().contains("is not a run directory"), e.getMessage());
    }
}
