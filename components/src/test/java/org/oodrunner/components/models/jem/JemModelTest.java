package org.oodrunner.components.models.jem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.DerivedQuantities;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.oodrunner.framework.testing.ModelHarness;

/** JEM's graph before training: outputs, evaluation noise, architectures. */
class JemModelTest {
    private static final int N = 5;

    private static float[] images(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[N * JemFixtures.SHAPE.dims()];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return x;
    }

    private static JemParams withEvalNoise(boolean on) {
        JemParams t = JemFixtures.tiny();
        return new JemParams(t.network(), t.pxWeight(), t.inputNoise(), on, t.sgld(), t.energyLimit(), t.energyPenalty());
    }

    @Test
    void aClassifierWhoseUnnormalisedLogLikelihoodIsTheLogSumExpOfItsLogits() {
        JemModel model = new JemModel(JemFixtures.tiny());
        assertEquals(Set.of(Quantity.LOGITS, Quantity.LOG_LIKELIHOOD), model.provides());
        assertTrue(model.trainsOnLabels());
        float[] x = images(1);
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), 4)) {
            assertFalse(h.graph().likelihoodNormalized(), "log Z is unknown: no bits/dim");
            float[] logits = h.run(Quantity.LOGITS, x, N);
            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, x, N);
            assertEquals(N * JemFixtures.CLASSES, logits.length);
            assertEquals(N, ll.length);
            for (int i = 0; i < N; i++) {
                double sum = 0;
                for (int c = 0; c < JemFixtures.CLASSES; c++) sum += Math.exp(logits[i * JemFixtures.CLASSES + c]);
                assertEquals(Math.log(sum), ll[i], 1e-5, "example " + i);
            }
        }
    }

    @Test
    void evaluationNoiseIsTheSameAtEveryEvaluationAndSmall() {
        float[] x = images(2);
        float[] clean;
        try (ModelHarness h = JemFixtures.harness(withEvalNoise(false), 4)) {
            clean = h.run(Quantity.LOGITS, x, N);
            assertArrayEquals(clean, h.run(Quantity.LOGITS, x, N));
        }
        try (ModelHarness h = JemFixtures.harness(withEvalNoise(true), 4)) {
            float[] noisy = h.run(Quantity.LOGITS, x, N);
            assertArrayEquals(noisy, h.run(Quantity.LOGITS, x, N), "scores do not depend on how often the graph ran");
            double maxDiff = 0;
            for (int i = 0; i < noisy.length; i++) maxDiff = Math.max(maxDiff, Math.abs(noisy[i] - clean[i]));
            assertTrue(maxDiff > 0 && maxDiff < 0.1, "same weights, inputs perturbed by N(0, 0.03^2): " + maxDiff);
        }
    }

    @Test
    void theWideResNetHasTheArchitecturesParameterCount() {
        NetworkParams wrn = new NetworkParams(NetworkParams.Type.WIDE_RESNET, 10, 2, List.of(16), 0.2);
        JemParams p = JemFixtures.params(wrn, new SgldParams(1, 1.0, 0.01, 16, 0.05), 1e4);
        int k = 2;
        long expected = conv(3, 1, 16)
                + conv(3, 16, 16 * k) + conv(3, 16 * k, 16 * k) + conv(1, 16, 16 * k)   // stage 1: 16 -> 32
                + conv(3, 16 * k, 32 * k) + conv(3, 32 * k, 32 * k) + conv(1, 16 * k, 32 * k)
                + conv(3, 32 * k, 64 * k) + conv(3, 64 * k, 64 * k) + conv(1, 32 * k, 64 * k)
                + 64L * k * JemFixtures.CLASSES + JemFixtures.CLASSES;
        try (ModelHarness h = JemFixtures.harness(p, 1)) {
            assertEquals(expected, h.context().parameters().count());
            float[] logits = h.run(Quantity.LOGITS, images(3), N);
            assertEquals(N * JemFixtures.CLASSES, logits.length);
            for (float v : logits) assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void theConvnetFlattensItsLastFeatureMapIntoTheLogits() {
        // 6x6 -> conv 4 channels -> stride 2: 3x3 with 8 channels -> 72 features -> 2 logits.
        long expected = conv(3, 1, 4) + conv(3, 4, 8) + 72L * JemFixtures.CLASSES + JemFixtures.CLASSES;
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), 1)) {
            assertEquals(expected, h.context().parameters().count());
        }
    }

    @Test
    void aWideResNetDepthThatIsNot6nPlus4IsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkParams(NetworkParams.Type.WIDE_RESNET, 27, 10, List.of(16), 0.2));
        assertEquals("a wide_resnet's depth is 6n+4 (10, 16, 22, 28, ...), not 27", e.getMessage());
        assertEquals(4, new NetworkParams(NetworkParams.Type.WIDE_RESNET, 28, 10, List.of(16), 0.2).blocksPerStage());
    }

    @Test
    void everyModelOfARunSeesTheSameEvaluationNoiseWhateverItsOwnSeed() {
        // A likelihood ratio's background and an ensemble's members are built with other seeds;
        // their evaluation noise comes from the run's seed, so the ratio does not carry it.
        float[] x = images(4);
        float[] a = evaluationNoise(1, 9, x);
        assertArrayEquals(a, evaluationNoise(2, 9, x), "another model seed, the same run seed: the same noise");
        assertFalse(java.util.Arrays.equals(a, evaluationNoise(1, 10, x)), "another run seed: other noise");
    }

    /** The N(0, 1) draws of the evaluation graph's input noise for a batch. */
    private static float[] evaluationNoise(long modelSeed, long runSeed, float[] x) {
        try (BuiltModel m = BuiltModel.build(new JemModel(withEvalNoise(true)), new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0),
                InputTransform.identity(), JemFixtures.SHAPE, JemFixtures.CLASSES, 256, modelSeed, runSeed, Set.of())) {
            GraphOperation noise = null;
            for (var it = m.runtime().graph().operations(); it.hasNext();) {
                GraphOperation op = it.next();
                if (op.type().equals("StatelessRandomNormal") && op.name().startsWith("jem/eval/")) noise = op;
            }
            assertTrue(noise != null, "the evaluation graph draws its noise");
            var s = JemFixtures.SHAPE;
            try (TFloat32 in = TensorIO.floats(x, N, s.height(), s.width(), s.channels());
                    Result r = m.runtime().session().runner().feed(m.graph().feed(), in).fetch(noise.output(0)).run()) {
                return TensorIO.toFloats((TFloat32) r.get(0));
            }
        }
    }

    @Test
    void theInputGradientNormIsTheFiniteDifferenceGradientOfTheNoisedLogLikelihood() {
        // A continuous model with evaluation noise: the noise is a constant to d log p / dx (it
        // once made the gradient graph fail: the random op has no gradient).
        float[] x = images(3);
        int d = JemFixtures.SHAPE.dims();
        try (ModelHarness h = JemFixtures.harness(withEvalNoise(true), 6)) {
            ModelGraph withNorm = DerivedQuantities.add(h.context(), h.graph(), Set.of(Quantity.INPUT_GRADIENT_NORM));
            float[] norms = h.run(withNorm.output(Quantity.INPUT_GRADIENT_NORM), x, N);
            float step = 1e-2f;
            for (int i = 0; i < N; i++) {
                double squares = 0;
                for (int p = 0; p < d; p++) {
                    float[] up = x.clone();
                    float[] down = x.clone();
                    up[i * d + p] += step;
                    down[i * d + p] -= step;
                    double diff = h.run(Quantity.LOG_LIKELIHOOD, up, N)[i] - h.run(Quantity.LOG_LIKELIHOOD, down, N)[i];
                    squares += Math.pow(diff / (2 * step), 2);
                }
                double expected = Math.sqrt(squares);
                assertTrue(expected > 1e-3, "a gradient to compare: " + expected);
                assertEquals(expected, norms[i], 0.02 * expected, "example " + i);
            }
        }
    }

    private static long conv(int size, int in, int out) {
        return (long) size * size * in * out + out;
    }
}
