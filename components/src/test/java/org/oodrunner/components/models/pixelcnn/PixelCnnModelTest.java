package org.oodrunner.components.models.pixelcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.components.testing.DiscreteImages;
import org.oodrunner.components.testing.TinyTraining;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.testing.ModelHarness;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.SampleDrawer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The PixelCNN's real graph on tiny images, untrained (random weights make every conditional
 * depend on the context, which is what a leak would break) or trained for a few steps.
 */
class PixelCnnModelTest {
    static PixelCnnParams params(PixelCnnParams.Block block, int blocks, PixelCnnParams.Output output) {
        return new PixelCnnParams(block, blocks, 8, 3, 3, 16, output, 3);
    }

    static List<Arguments> variants() {
        return List.of(
                Arguments.of(PixelCnnParams.Block.GATED, PixelCnnParams.Output.CATEGORICAL),
                Arguments.of(PixelCnnParams.Block.GATED, PixelCnnParams.Output.DISCRETIZED_LOGISTIC),
                Arguments.of(PixelCnnParams.Block.RESIDUAL, PixelCnnParams.Output.CATEGORICAL),
                Arguments.of(PixelCnnParams.Block.RESIDUAL, PixelCnnParams.Output.DISCRETIZED_LOGISTIC));
    }

    /** Builds the model and keeps the per-sub-pixel terms, which the model graph does not expose. */
    static final class Capturing implements Model {
        final PixelCnnModel model;
        PixelCnnModel.Built built;

        Capturing(PixelCnnParams p) {
            this.model = new PixelCnnModel(p);
        }

        @Override
        public Set<Quantity> provides() {
            return model.provides();
        }

        @Override
        public ModelGraph build(GraphContext g) {
            built = model.buildParts(g);
            return built.graph();
        }
    }

    private static float[] randomImage(ImageShape shape, int levels, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[shape.dims()];
        for (int i = 0; i < x.length; i++) x[i] = (r.nextInt(levels) + (float) r.nextDouble()) / levels;
        return x;
    }

    /**
     * d term_k / d x_j for every sub-pixel term k and input value j, [D][D]. Example b of a batch
     * of D copies carries term b, so one gradient of sum_b term_b(example b) gives every row.
     */
    private static float[][] jacobian(ModelHarness h, Operand<TFloat32> terms, float[] image) {
        Ops tf = h.context().tf();
        int d = h.context().dims();
        Operand<TFloat32> flat = tf.reshape(terms, tf.constant(new int[] {-1, d}));
        Operand<TFloat32> diagonal = tf.sum(tf.math.mul(flat, tf.constant(identity(d))), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> grad = tf.gradients(diagonal, List.of(h.context().feed())).dy(0);
        float[] batch = new float[d * d];
        for (int b = 0; b < d; b++) System.arraycopy(image, 0, batch, b * d, d);
        float[] g = h.run(grad, batch, d);
        float[][] out = new float[d][d];
        for (int k = 0; k < d; k++) System.arraycopy(g, k * d, out[k], 0, d);
        return out;
    }

    private static float[][] identity(int d) {
        float[][] m = new float[d][d];
        for (int i = 0; i < d; i++) m[i][i] = 1f;
        return m;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void eachConditionalIgnoresItsOwnAndLaterSubPixels(PixelCnnParams.Block block, PixelCnnParams.Output output) {
        ImageShape shape = new ImageShape(4, 4, 3);
        Capturing m = new Capturing(params(block, 3, output));
        try (ModelHarness h = new ModelHarness(m, shape, 16, 1)) {
            float[][] jac = jacobian(h, m.built.logProbPerSubPixel(), randomImage(shape, 16, 7));
            int d = shape.dims();
            for (int k = 0; k < d; k++) {
                for (int j = k; j < d; j++) {
                    assertEquals(0f, jac[k][j], "term " + k + " depends on sub-pixel " + j);
                }
            }
            // ... and each does look at the sub-pixel just before it (the previous channel or pixel).
            for (int k = 1; k < d; k++) {
                boolean startOfRow = k % (shape.width() * shape.channels()) == 0;
                if (block == PixelCnnParams.Block.RESIDUAL && startOfRow) continue; // see the blind-spot test
                assertNotEquals(0f, jac[k][k - 1], "term " + k + " ignores sub-pixel " + (k - 1));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void changingOneSubPixelLeavesTheEarlierTermsUnchanged(PixelCnnParams.Block block, PixelCnnParams.Output output) {
        ImageShape shape = new ImageShape(3, 3, 3);
        int levels = 8;
        Capturing m = new Capturing(params(block, 2, output));
        try (ModelHarness h = new ModelHarness(m, shape, levels, 2)) {
            int d = shape.dims();
            float[] image = randomImage(shape, levels, 11);
            // Example 0 is the image; example 1 + i has sub-pixel i moved to another level.
            float[] batch = new float[(d + 1) * d];
            for (int b = 0; b <= d; b++) System.arraycopy(image, 0, batch, b * d, d);
            for (int i = 0; i < d; i++) {
                int at = (i + 1) * d + i;
                batch[at] = ((int) (batch[at] * levels) + levels / 2) % levels / (float) levels + 0.5f / levels;
            }
            float[] terms = h.run(m.built.logProbPerSubPixel(), batch, d + 1);
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < i; k++) {
                    // Equal up to float rounding, which differs by a few ulps between examples of a batch.
                    assertEquals(terms[k], terms[(i + 1) * d + k], 1e-5, "changing sub-pixel " + i + " changed term " + k);
                }
                // The first conditional has no context: an untrained categorical is uniform there.
                if (i > 0) assertNotEquals(terms[i], terms[(i + 1) * d + i], "term " + i + " does not see its own value");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theGatedStackHasNoBlindSpotButTheResidualStackHas() {
        // 5 wide, kernels 3: the residual stack's field grows one column up-right per layer, so the
        // last pixel of row 0 is out of reach of the first pixel of row 2 after 3 layers; the
        // gated stack's vertical stack covers every pixel above once it is wide enough.
        ImageShape shape = new ImageShape(3, 5, 1);
        int d = shape.dims();
        for (PixelCnnParams.Block block : PixelCnnParams.Block.values()) {
            Capturing m = new Capturing(params(block, 4, PixelCnnParams.Output.CATEGORICAL));
            try (ModelHarness h = new ModelHarness(m, shape, 4, 3)) {
                float[][] jac = jacobian(h, m.built.logProbPerSubPixel(), randomImage(shape, 4, 5));
                int firstOfRow2 = 2 * 5;
                int lastOfRow0 = 4;
                if (block == PixelCnnParams.Block.GATED) {
                    for (int k = 1; k < d; k++) {
                        for (int j = 0; j < k; j++) assertNotEquals(0f, jac[k][j], "gated: term " + k + " ignores " + j);
                    }
                } else {
                    assertEquals(0f, jac[firstOfRow2][lastOfRow0], "the residual stack's blind spot");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void allBinaryTwoByTwoImagesSumToOneAndSamplesFollowTheirProbabilities(PixelCnnParams.Block block,
            PixelCnnParams.Output output) {
        // Grey: every image of 16 is a sample outcome. Colour: 4096 images, so samples are
        // checked on the first pixel's 8 colours, which exercise R -> G -> B within a pixel.
        checkSumAndSamples(block, output, new ImageShape(2, 2, 1));
        checkSumAndSamples(block, output, new ImageShape(2, 2, 3));
    }

    private static void checkSumAndSamples(PixelCnnParams.Block block, PixelCnnParams.Output output, ImageShape shape) {
        int levels = 2;
        int d = shape.dims();
        int c = shape.channels();
        String what = block + "/" + output + " on " + shape;
        try (ModelHarness h = new ModelHarness(new PixelCnnModel(params(block, 2, output)), shape, levels, 4)) {
            int n = DiscreteImages.count(shape, levels);
            float[] all = DiscreteImages.all(shape, levels);
            // A few steps on two images make the model far from uniform and its conditionals far from alike.
            float[] two = new float[2 * d];
            System.arraycopy(all, 1 * d, two, 0, d);
            System.arraycopy(all, (n - 3) * d, two, d, d);
            float[] losses = TinyTraining.fit(h, two, 2, 30, 0.01);
            assertTrue(losses[1] < losses[0] - 0.2, "training lowers the loss: " + losses[0] + " -> " + losses[1]);

            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, all, n);
            double logOfVolume = d * Math.log(levels); // LOG_LIKELIHOOD = log P + D log(levels)
            double[] p = new double[n];
            double total = 0;
            double max = 0;
            for (int i = 0; i < n; i++) {
                p[i] = Math.exp(ll[i] - logOfVolume);
                total += p[i];
                max = Math.max(max, p[i]);
            }
            assertEquals(1.0, total, 1e-4, what);
            assertTrue(max > 0.1, "the trained model should be far from uniform, or the sum proves little: " + max);

            // The probability of each outcome: the whole image (grey) or the first pixel's colour.
            int outcomes = c == 1 ? n : 1 << c;
            int shift = d - (c == 1 ? d : c); // the first pixel is the most significant digits of the index
            double[] expected = new double[outcomes];
            for (int i = 0; i < n; i++) expected[i >> shift] += p[i];

            int draws = 10_000;
            float[] samples = new SampleDrawer(h.runtime().session(), h.graph().sampler().orElseThrow(), shape).draw(draws, 1f);
            int[] counts = new int[outcomes];
            for (int s = 0; s < draws; s++) {
                for (int k = 0; k < d; k++) {
                    float v = samples[s * d + k];
                    assertTrue(v == 0.25f || v == 0.75f, "a sample is a bin centre, not " + v);
                }
                counts[DiscreteImages.indexOf(samples, s * d, d, levels) >> shift]++;
            }
            for (int o = 0; o < outcomes; o++) {
                double sd = Math.sqrt(expected[o] * (1 - expected[o]) / draws);
                assertEquals(expected[o], counts[o] / (double) draws, 5 * sd + 1e-4, what + ", outcome " + o);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void dequantisationNoiseDoesNotChangeTheLikelihood(PixelCnnParams.Block block, PixelCnnParams.Output output) {
        ImageShape shape = new ImageShape(3, 3, 1);
        int levels = 16;
        try (ModelHarness h = new ModelHarness(new PixelCnnModel(params(block, 1, output)), shape, levels, 5)) {
            float[] noisy = randomImage(shape, levels, 3);
            float[] centres = new float[noisy.length];
            for (int i = 0; i < noisy.length; i++) centres[i] = ((int) (noisy[i] * levels) + 0.5f) / levels;
            float[] both = new float[2 * noisy.length];
            System.arraycopy(noisy, 0, both, 0, noisy.length);
            System.arraycopy(centres, 0, both, noisy.length, noisy.length);
            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, both, 2);
            assertEquals(ll[1], ll[0]);
        }
    }
}
