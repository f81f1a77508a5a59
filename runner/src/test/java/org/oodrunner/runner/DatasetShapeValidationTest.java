package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.cifar.CifarFixtures;
import org.oodrunner.components.datasets.mnist.MnistFixtures;

/**
 * CIFAR-10 against MNIST: refused at validation, with both shapes and the fix, when the spec
 * has no resize/channel policy; with the policy it trains, scores and reports. Real files in
 * the real formats, the real CLI.
 */
class DatasetShapeValidationTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            name: cifar_vs_mnist
            seed: 1
            data:
              train: {dataset: cifar10, split: train}
              test: {dataset: cifar10, split: test}
              ood:
                - {dataset: mnist, split: test}
            %s
            model: {type: gaussian}
            train: {steps: 4, batch_size: 8}
            eval: {batch_size: 16}
            scorers: [log_likelihood]
            metrics: [auroc]
            """;

    private Path dataRoot() throws Exception {
        Path root = dir.resolve("data");
        CifarFixtures.writeCifar10(root, 6);
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 20);
        return root;
    }

    @Test
    void aPairOfShapesIsRefusedAtValidationWithBothShapesAndTheFix() throws Exception {
        Path root = dataRoot();
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC.formatted(""));
        Cli outcome = Cli.run("validate", spec.toString(), "--data-root", root.toString());
        assertEquals(2, outcome.exitCode(), outcome.err());
        String expected = "error: " + spec + ":7:7: mnist/test has 28x28x1 images but the training set cifar10/train has "
                + "32x32x3 images; every set of a run must have one shape: add `data.preprocess: {resize: 32, channels: 3}`";
        assertEquals(expected, outcome.err().strip());
    }

    @Test
    void withTheSuggestedPolicyTheRunFinishes() throws Exception {
        Path root = dataRoot();
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC.formatted("  preprocess: {resize: 32, channels: 3, random_flip: true, transform: logit}"));
        Path out = dir.resolve("runs");
        Cli outcome = Cli.run("run", spec.toString(), "--data-root", root.toString(), "--out", out.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        Path results;
        try (Stream<Path> files = Files.walk(out)) {
            results = files.filter(p -> p.getFileName().toString().equals("results.json")).findFirst().orElseThrow();
        }
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        assertEquals(6, json.path("datasets").path("cifar10/test").path("n").asInt());
        assertEquals(20, json.path("datasets").path("mnist/test").path("n").asInt());
        double bpd = json.path("datasets").path("mnist/test").path("bits_per_dim").path("mean").asDouble();
        assertTrue(Double.isFinite(bpd) && bpd > 0, "bits/dim " + bpd);
        assertTrue(json.path("metrics").path("log_likelihood").path("mnist/test").has("auroc"));
    }

    @Test
    void preprocessingThatCannotApplyIsRefusedAtItsKey() throws Exception {
        Path root = dataRoot();
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, SPEC.formatted("  preprocess: {center_crop: 30, channels: 3}"));
        Cli outcome = Cli.run("validate", spec.toString(), "--data-root", root.toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains(spec + ":8:29: mnist/test: center_crop 30 is larger than the 28x28x1 images"),
                outcome.err());
        Files.writeString(spec, SPEC.formatted("  preprocess: {resize: 28, channels: 1, transform: normalize, mean: [0.5, 0.5, 0.5]}"));
        outcome = Cli.run("validate", spec.toString(), "--data-root", root.toString());
        assertEquals(2, outcome.exitCode());
        assertTrue(outcome.err().contains("mean has 3 values but the images have 1 channel(s)"), outcome.err());
    }
}
