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

/**
 * JEM through `runner run` on tiny IDX files: trained with the SGLD term and validation,
 * scored by log p(x) and max p(y|x), reported with accuracy and calibration and without a
 * bits/dim; and refused at validation when its training data has no labels.
 */
class JemRunTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aTinyJemRunReportsAccuracyCalibrationAndScoresButNoBitsPerDim() throws IOException {
        IdxFixtures.writeTinyMnistFamily(dir.resolve("data"), 64, 32);
        Path spec = dir.resolve("jem.yaml");
        Files.writeString(spec, """
                name: tiny_jem
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                  validation: {size: 16}
                  preprocess: {transform: normalize, mean: [0.5], std: [0.5]}
                model:
                  type: jem
                  network: {type: convnet, channels: [4, 8]}
                  sgld: {steps: 2, buffer_size: 16}
                train: {steps: 6, batch_size: 8, log_every: 2, eval_every: 3, optimizer: {lr: 1.0e-3}}
                scorers: [log_likelihood, max_softmax]
                export: {saved_model: false}
                """);
        Cli cli = Cli.run("run", spec.toString(), "--out", dir.resolve("runs").toString(),
                "--data-root", dir.resolve("data").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        Path run = onlyRun();
        JsonNode results = JSON.readTree(run.resolve("results.json").toFile());

        JsonNode test = results.at("/datasets/fashion_mnist~1test");
        assertTrue(test.path("bits_per_dim").isMissingNode(), "an unnormalised likelihood has no bits/dim: " + test);
        assertTrue(results.at("/datasets/mnist~1test/bits_per_dim").isMissingNode());
        JsonNode c = test.path("classification");
        assertEquals(32, c.path("n").asInt());
        assertTrue(c.path("accuracy").asDouble(-1) >= 0 && c.path("accuracy").asDouble() <= 1, c.toString());
        assertTrue(c.path("ece").asDouble(-1) >= 0, c.toString());
        assertTrue(c.path("cross_entropy").asDouble(-1) > 0, c.toString());
        assertEquals(15, c.path("ece_bins").asInt());
        assertTrue(results.at("/datasets/mnist~1test/classification").isMissingNode(), "only the in-distribution set");
        for (String scorer : List.of("log_likelihood", "max_softmax")) {
            double auroc = results.at("/metrics/" + scorer + "/mnist~1test/auroc").asDouble(-1);
            assertTrue(auroc >= 0 && auroc <= 1, scorer + ": " + results.path("metrics"));
        }
        double maxSoftmaxMean = results.at("/datasets/fashion_mnist~1test/scores/max_softmax/mean").asDouble();
        assertTrue(maxSoftmaxMean >= 0.1 && maxSoftmaxMean <= 1, "a probability, at least 1/10: " + maxSoftmaxMean);

        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        for (String key : List.of("validation/cross_entropy", "validation/accuracy", "validation/ece",
                "train/logsumexp_samples", "fashion_mnist/test/accuracy", "fashion_mnist/test/ece")) {
            assertTrue(metrics.stream().anyMatch(l -> l.contains("\"key\":\"" + key + "\"")), key + " in " + metrics);
        }
        assertFalse(metrics.stream().anyMatch(l -> l.contains("bits_per_dim")), "no bits/dim anywhere");
        assertTrue(cli.out().contains("accuracy"), cli.out());
    }

    @Test
    void jemOnUnlabelledTrainingDataIsRefusedAtValidation() throws IOException {
        Path spec = dir.resolve("unlabelled.yaml");
        Files.writeString(spec, """
                name: unlabelled_jem
                data:
                  train: {dataset: uniform_noise, count: 100, height: 28, width: 28, channels: 1}
                  test: {dataset: uniform_noise, split: test, count: 10, height: 28, width: 28, channels: 1}
                  ood: [{dataset: constant, count: 10, height: 28, width: 28, channels: 1}]
                model: {type: jem}
                scorers: [log_likelihood]
                """);
        Cli cli = Cli.run("validate", spec.toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertFalse(cli.printedStackTrace(), cli.err());
        assertTrue(cli.err().contains("unlabelled.yaml:3:10: model 'jem' trains on class labels, but the training set "
                + "'uniform_noise/test' has none; train it on a labelled dataset"), cli.err());
    }

    @Test
    void aWideResNetDepthThatIsNot6nPlus4IsASpecErrorAtItsPlace() throws IOException {
        Path spec = dir.resolve("depth.yaml");
        Files.writeString(spec, """
                name: depth_jem
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                model:
                  type: jem
                  network: {type: wide_resnet, depth: 27}
                scorers: [log_likelihood]
                """);
        Cli cli = Cli.run("validate", spec.toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("depth.yaml:8:12: invalid value: a wide_resnet's depth is 6n+4 (10, 16, 22, 28, "
                + "...), not 27"), cli.err());
    }

    private Path onlyRun() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            List<Path> runs = s.toList();
            assertEquals(1, runs.size());
            return runs.get(0);
        }
    }
}
