package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.IdxFixtures;

/** `runner run` end to end on tiny IDX files: the gaussian model, real graph, real formats. */
class RunCliTest {
    @TempDir
    Path dir;

    private Path spec() throws IOException {
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: tiny
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                model: {type: gaussian}
                train: {steps: 20, batch_size: 16, log_every: 5, optimizer: {lr: 0.05}}
                """);
        return spec;
    }

    @Test
    void runsTrainsScoresAndPrintsTheResults() throws IOException {
        IdxFixtures.writeTinyMnistFamily(dir.resolve("data"), 64, 32);
        Cli cli = Cli.run("run", spec().toString(), "--out", dir.resolve("runs").toString(),
                "--data-root", dir.resolve("data").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("fashion_mnist/test"), cli.out());
        assertTrue(cli.out().contains("auroc"), cli.out());
        List<Path> runs;
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            runs = s.toList();
        }
        assertEquals(1, runs.size());
        JsonNode results = new ObjectMapper().readTree(runs.get(0).resolve("results.json").toFile());
        double auroc = results.at("/metrics/log_likelihood/mnist~1test/auroc").asDouble(-1);
        assertTrue(auroc >= 0 && auroc <= 1, results.toString());
        assertTrue(results.at("/datasets/fashion_mnist~1test/bits_per_dim/mean").asDouble() > 0);
        assertEquals(20, results.at("/training/steps").asInt());
    }

    @Test
    void missingDataFailsWithOneLineThatSaysWhatToDo() throws IOException {
        Cli cli = Cli.run("run", spec().toString(), "--out", dir.resolve("runs").toString(),
                "--data-root", dir.resolve("empty").toString());
        // Fashion-MNIST may be installed system-wide (Debian's package); MNIST's test split never is.
        assertEquals(1, cli.exitCode(), cli.err());
        assertFalse(cli.printedStackTrace(), cli.err());
        assertTrue(cli.err().contains("mnist/test"), cli.err());
        assertTrue(cli.err().contains("t10k-images-idx3-ubyte.gz"), cli.err());
    }

    @Test
    void dryRunChecksAndListsButTrainsNothing() throws IOException {
        Cli cli = Cli.run("run", spec().toString(), "--dry-run", "--out", dir.resolve("runs").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("tiny"), cli.out());
        assertFalse(Files.exists(dir.resolve("runs")));
    }
}
