package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.ScoringComponents;
import org.oodrunner.components.testing.ScoringComponents.SyntheticParams.Pattern;
import org.oodrunner.components.testing.ScoringRuns;
import org.oodrunner.framework.data.ImageShape;

/** Compressed lengths from the JDK's PNG and JPEG writers, and the input-complexity score in a real run. */
class InputComplexityTest {
    @TempDir
    Path dir;

    private static long bits(InputComplexityParams.Compressor format, byte[] image, ImageShape shape) {
        try (ImageCompressor c = new ImageCompressor(format, 90)) {
            return c.bits(image, shape);
        }
    }

    @Test
    void aConstantImageCompressesToFewerBitsThanNoise() {
        SplittableRandom r = new SplittableRandom(5);
        for (int channels : new int[] {1, 3, 2}) {
            ImageShape shape = new ImageShape(28, 28, channels);
            byte[] constant = ScoringComponents.Synthetic.image(r, shape, Pattern.CONSTANT);
            byte[] smooth = ScoringComponents.Synthetic.image(r, shape, Pattern.SMOOTH);
            byte[] noise = ScoringComponents.Synthetic.image(r, shape, Pattern.NOISE);
            for (var format : InputComplexityParams.Compressor.values()) {
                long c = bits(format, constant, shape);
                long s = bits(format, smooth, shape);
                long n = bits(format, noise, shape);
                String at = format + ", " + channels + " channel(s): constant " + c + ", smooth " + s + ", noise " + n;
                assertTrue(c < s && s < n, at);
                assertEquals(0, c % 8, "whole bytes");
            }
            // Lossless PNG cannot beat the entropy of uniform noise: 8 bits per value.
            assertTrue(bits(InputComplexityParams.Compressor.PNG, noise, shape) >= 8L * shape.dims());
        }
    }

    @Test
    void theSameImageAlwaysHasTheSameLength() {
        ImageShape shape = new ImageShape(16, 16, 3);
        byte[] img = ScoringComponents.Synthetic.image(new SplittableRandom(9), shape, Pattern.SMOOTH);
        try (ImageCompressor c = new ImageCompressor(InputComplexityParams.Compressor.PNG, 90)) {
            assertEquals(c.bits(img, shape), c.bits(img, shape));
        }
    }

    @Test
    void theScoreRanksNoiseBelowSmoothInDistributionImages() {
        // Input complexity presumes a model that compresses its own data better than PNG does: a
        // per-pixel Gaussian does so for smooth images that differ little from one another.
        var results = new ScoringRuns(dir).run("""
                name: input_complexity
                data:
                  train: {dataset: patterns, split: train, size: 256, side: 16, jitter: 0.1}
                  test: {dataset: patterns, split: test, size: 128, side: 16, jitter: 0.1, seed: 2, label: smooth}
                  ood:
                    - {dataset: patterns, split: test, size: 128, side: 16, pattern: noise, seed: 3, label: noise}
                model: {type: gaussian}
                train: {steps: 150, batch_size: 32, optimizer: {lr: 0.05}}
                eval: {bootstrap: {resamples: 0}}
                scorers: [log_likelihood, input_complexity, {type: input_complexity, name: jpeg, compressor: jpeg}]
                metrics: [auroc]
                """).results();
        assertTrue(results.at("/metrics/input_complexity/noise/auroc").asDouble() > 0.95, results.toString());
        assertTrue(results.at("/metrics/jpeg/noise/auroc").asDouble() > 0.95, results.toString());
    }
}
