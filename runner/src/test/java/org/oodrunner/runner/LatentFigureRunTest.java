package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flow's run writes, per evaluation set, its first images next to their latents z = f(x) by
 * level (artifacts/latents/), and the report shows them.
 */
class LatentFigureRunTest {
    @Test
    void aFlowRunDrawsImagesNextToTheirLatentsPerLevel(@TempDir Path tmp) throws IOException {
        Path dataRoot = TinyFashionMnist.write(tmp.resolve("data"), 48, 30);
        Path spec = tmp.resolve("latents.yaml");
        Files.writeString(spec, """
                name: tiny_latents
                seed: 4
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0, 1], label: two_classes}]
                model: {type: realnvp, scales: 2, couplings: 1, final_couplings: 1, st_net: {hidden_channels: 4, blocks: 1}}
                train: {steps: 3, batch_size: 16}
                samples: {count: 0}
                """);
        EngineRunTest.Cli cli = EngineRunTest.cli("run", spec.toString(), "--out", tmp.resolve("runs").toString(),
                "--data-root", dataRoot.toString());
        assertEquals(0, cli.code(), cli.err());
        Path run = EngineRunTest.onlyRun(tmp.resolve("runs"));
        List<Path> pngs;
        try (Stream<Path> s = Files.list(run.resolve("artifacts/latents"))) {
            pngs = s.map(Path::getFileName).sorted().toList();
        }
        assertEquals(List.of(Path.of("latents_0_fashion_mnist_test.png"), Path.of("latents_1_two_classes.png")), pngs);

        BufferedImage grid = ImageIO.read(run.resolve("artifacts/latents/latents_0_fashion_mnist_test.png").toFile());
        // Two levels of latents, each 14x14x2 (a factored-out half after the squeeze, then the top): two tiles
        // side by side, scaled 2x to the image's 28 rows. Rows: 8 images; 3-pixel borders.
        // The whole figure is then zoomed 2x (at least 64 pixels per 28-pixel image).
        assertEquals(2 * (3 + 28 + 3 + 2 * (2 * 14 + 1) + 3 + 2 * (2 * 14 + 1) + 3), grid.getWidth());
        assertEquals(2 * (3 + 8 * (28 + 3)), grid.getHeight());
        // The first panel is the image itself (dequantised, so within one level).
        byte[] images = idxImages(dataRoot.resolve("fashion_mnist/t10k-images-idx3-ubyte.gz"));
        for (int row = 0; row < 8; row++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int drawn = grid.getRGB(2 * (3 + x) + 1, 2 * (3 + row * 31 + y) + 1) & 0xFF;
                    int stored = images[row * 784 + y * 28 + x] & 0xFF;
                    assertTrue(Math.abs(drawn - stored) <= 1, "row " + row + " pixel " + x + "," + y);
                }
            }
        }
        // The latent panels vary: they show z, not a constant.
        Set<Integer> shades = new HashSet<>();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 58; x++) shades.add(grid.getRGB(2 * (3 + 28 + 3 + x), 2 * (3 + y)) & 0xFF);
        }
        assertTrue(shades.size() > 10, "latent shades: " + shades.size());
        String html = Files.readString(run.resolve("artifacts/report.html"));
        assertTrue(html.contains("Latents: latents/latents_1_two_classes.png"), "the report shows the latents");
    }

    private static byte[] idxImages(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] all = in.readAllBytes();
            return java.util.Arrays.copyOfRange(all, 16, all.length);
        }
    }
}
