package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.idx.IdxWriter;

/**
 * A flow through the whole command: spec, training, samples, scores, results, on tiny
 * Fashion-MNIST files written here in the official IDX format.
 */
class FlowRunTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() throws IOException {
        Path fashion = dir.resolve("data/fashion_mnist");
        writeSplit(fashion, "train", 64, 1);
        writeSplit(fashion, "t10k", 24, 2);
    }

    /** Images with a bright blob on a dark background, labels cycling through 0..9. */
    private static void writeSplit(Path folder, String prefix, int n, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] images = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            int cr = 8 + random.nextInt(12);
            int cc = 8 + random.nextInt(12);
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    boolean blob = Math.abs(r - cr) < 6 && Math.abs(c - cc) < 5;
                    images[i * 784 + r * 28 + c] = (byte) (blob ? 150 + random.nextInt(100) : random.nextInt(20));
                }
            }
        }
        IdxWriter.write(folder.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, images);
        IdxWriter.write(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
    }

    private static Path spec(String name, String model) throws IOException {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, String.join("\n",
                "name: " + name,
                "seed: 1",
                "data:",
                "  train: {dataset: fashion_mnist, split: train}",
                "  test: {dataset: fashion_mnist, split: test}",
                "  ood: [{dataset: fashion_mnist, split: test, classes: [0, 1], label: two_classes}]",
                "model: " + model,
                "train: {steps: 3, batch_size: 16, optimizer: {type: adamax, lr: 1.0e-3}}",
                "eval: {batch_size: 16}",
                "samples: {count: 5, temperatures: [0.5]}",
                ""));
        return spec;
    }

    private record Outcome(int exitCode, String err) {}

    private static Outcome run(Path spec) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute("run", spec.toString(), "--out", dir.resolve("runs").toString(), "--data-root",
                    dir.resolve("data").toString());
            return new Outcome(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static Path runDir(String name) throws IOException {
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            return runs.filter(p -> p.getFileName().toString().startsWith(name + "-")).findFirst().orElseThrow();
        }
    }

    @Test
    void glowTrainsSamplesAndScores() throws IOException {
        Outcome outcome = run(spec("tiny_glow", "{type: glow, levels: 2, steps: 1, hidden_channels: 4}"));
        assertEquals(0, outcome.exitCode(), outcome.err());
        Path run = runDir("tiny_glow");
        BufferedImage grid = ImageIO.read(run.resolve("artifacts/samples/samples_t0.5.png").toFile());
        // 5 samples: 3 columns, 2 rows of 28x28 images with 2-pixel borders.
        assertEquals(2 + 3 * 30, grid.getWidth());
        assertEquals(2 + 2 * 30, grid.getHeight());
        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        for (String set : List.of("fashion_mnist/test", "two_classes")) {
            double bpd = results.path("datasets").path(set).path("bits_per_dim").path("mean").asDouble(Double.NaN);
            assertTrue(bpd > 0 && bpd < 16, set + " has a plausible bits/dim: " + bpd);
        }
        assertTrue(results.path("metrics").path("log_likelihood").path("two_classes").has("auroc"));
    }

    @Test
    void aMaskThatCannotActOnTheImagesFailsTheRunWithOneClearLine() throws IOException {
        Outcome outcome = run(spec("bad_mask", "{type: realnvp, mask: channel, scales: 1, final_couplings: 2}"));
        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("mask channel cannot act on 28x28x1"), outcome.err());
        assertTrue(outcome.err().contains("squeeze_input: true"), outcome.err());
        assertTrue(!outcome.err().contains("\tat "), "no stack trace: " + outcome.err());
    }
}
