package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.ScoringComponents;
import org.oodrunner.components.testing.ScoringComponents.SyntheticParams.Pattern;
import org.oodrunner.components.testing.ScoringRuns;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.data.ImageSet;
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

    /** A preparation that only knows the run's quantisation: all input complexity reads. */
    private static ScorerPreparation levels(int levels) {
        return new ScorerPreparation() {
            @Override
            public String label() {
                return "input_complexity";
            }

            @Override
            public long seed() {
                return 0;
            }

            @Override
            public int levels() {
                return levels;
            }

            @Override
            public ImageSet trainingSet() {
                throw new IllegalStateException("input complexity needs no training set");
            }

            @Override
            public TrainedModel runModel() {
                throw new IllegalStateException("input complexity needs no model but the scored quantities");
            }

            @Override
            public TrainedModel trainAuxiliary(AuxiliaryTraining request) {
                throw new IllegalStateException("input complexity trains nothing");
            }
        };
    }

    /** The length of a PNG file in bits, written here with ImageIO.write (not the scorer's compressor). */
    private static long pngBits(byte[] values, ImageShape shape, int shift) throws IOException {
        int w = shape.width();
        int h = shape.height();
        boolean rgb = shape.channels() == 3;
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] px = new int[shape.channels()];
                for (int c = 0; c < px.length; c++) px[c] = ((values[(y * w + x) * px.length + c] & 0xFF) >>> shift) << shift;
                img.getRaster().setPixel(x, y, px);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", out));
        return 8L * out.size();
    }

    @Test
    void theScoreIsThePngLengthInBitsMinusTheNegativeLog2Likelihood() throws IOException {
        // S(x) = -log2 p(x) - L(x) with p the discrete likelihood: -log2 p = -ll / ln 2 + D log2(levels)
        // (ll the density of the scaled, dequantised input), L in bits. The score is -S.
        SplittableRandom r = new SplittableRandom(13);
        for (int channels : new int[] {1, 3}) {
            for (int levels : new int[] {256, 16}) {
                ImageShape shape = new ImageShape(8, 6, channels);
                int n = 3;
                byte[][] images = new byte[n][];
                double[] ll = new double[n];
                for (int i = 0; i < n; i++) {
                    images[i] = ScoringComponents.Synthetic.image(r, shape, i == 0 ? Pattern.NOISE : Pattern.SMOOTH);
                    ll[i] = 40.0 * (i - 1) - 17.25;
                }
                InputComplexityScorer scorer = new InputComplexityScorer(
                        new InputComplexityParams(InputComplexityParams.Compressor.PNG, 90));
                scorer.prepare(levels(levels));
                double[] scores = scorer.score(new ScoringInput(new ImageSet("set", shape, images, null, 0),
                        Map.of(Quantity.LOG_LIKELIHOOD, new PerExample(n, 1, ll))));
                int shift = Integer.numberOfTrailingZeros(256 / levels);
                for (int i = 0; i < n; i++) {
                    double nllBits = -ll[i] / Math.log(2) + shape.dims() * (Math.log(levels) / Math.log(2));
                    double expected = pngBits(images[i], shape, shift) - nllBits;
                    assertEquals(expected, scores[i], 1e-9, channels + " channel(s), " + levels + " levels, image " + i);
                }
            }
        }
    }
}
