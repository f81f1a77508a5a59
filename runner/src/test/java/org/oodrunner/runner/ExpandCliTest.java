package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpandCliTest {
    @TempDir
    Path dir;

    @Test
    void aTwoByThreeGridExpandsToSixRunsWithDistinctStableHashes() throws IOException {
        Path spec = dir.resolve("grid.yaml");
        Files.writeString(spec, SpecErrorsCliTest.VALID + """
                grid:
                  model.distribution: [gaussian, logistic]
                  seed: [0, 1, 2]
                """);
        Cli first = Cli.run("expand", spec.toString());
        Cli second = Cli.run("expand", spec.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), second.out());
        List<String> hashes = hashes(first.out());
        assertEquals(6, hashes.size(), first.out());
        assertEquals(6, hashes.stream().distinct().count());
        assertEquals("6 runs from " + spec, first.out().lines().findFirst().orElseThrow());
        assertEquals(true, first.out().contains("t[model.distribution=logistic, seed=2]"));
    }

    private static List<String> hashes(String out) {
        Matcher m = Pattern.compile("^\\s+\\d+\\s+([0-9a-f]{12})\\s", Pattern.MULTILINE).matcher(out);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) found.add(m.group(1));
        return found;
    }
}
