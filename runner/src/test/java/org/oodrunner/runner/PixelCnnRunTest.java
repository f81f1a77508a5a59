package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.IdxFixtures;

/**
 * A PixelCNN through `runner run` on tiny IDX files: its sequential sampler (one evaluation per
 * sub-pixel) goes through the sample stage like a flow's one-shot sampler, and the run scores
 * and reports bits/dim.
 */
class PixelCnnRunTest {
    @TempDir
    Path dir;

    @Test
    void aTinyPixelCnnRunSavesASampleGridAndReportsBitsPerDim() throws IOException {
        IdxFixtures.writeTinyMnistFamily(dir.resolve("data"), 32, 16);
        Path spec = dir.resolve("pixelcnn.yaml");
        Files.writeString(spec, """
                name: tiny_pixelcnn
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                model: {type: pixelcnn, blocks: 0, width: 4, head_width: 4}
                train: {steps: 2, batch_size: 8}
                eval: {batch_size: 16}
                samples: {count: 3, temperatures: [1.0]}
                export: {saved_model: false}
                """);
        Cli cli = Cli.run("run", spec.toString(), "--out", dir.resolve("runs").toString(),
                "--data-root", dir.resolve("data").toString());
        assertEquals(0, cli.exitCode(), cli.err());
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            run = runs.filter(p -> p.getFileName().toString().startsWith("tiny_pixelcnn-")).findFirst().orElseThrow();
        }
        BufferedImage grid = ImageIO.read(run.resolve("artifacts/samples/samples_t1.0.png").toFile());
        // 3 samples: 2 columns, 2 rows of 28x28 images with 2-pixel borders.
        assertEquals(2 + 2 * 30, grid.getWidth());
        assertEquals(2 + 2 * 30, grid.getHeight());
        JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
        double bpd = results.at("/datasets/mnist~1test/bits_per_dim/mean").asDouble(Double.NaN);
        assertTrue(bpd > 0 && bpd < 16, "a plausible bits/dim after two steps: " + bpd);
    }
}
