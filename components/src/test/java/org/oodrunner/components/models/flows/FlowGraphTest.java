package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.Sampler;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** What the flows hand the framework: the likelihood and its parts, the loss, initialisation and the sampler. */
class FlowGraphTest {
    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void likelihoodIsLatentPlusVolumeAndTheLossIsMeanBitsPerDim(ModelCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            ImageShape shape = c.shape();
            GraphContext g = t.context(shape);
            ModelGraph m = c.model().build(g);
            assertEquals(c.model().provides(), m.outputs().keySet());
            assertEquals(m.loss(), m.trainingMetrics().get("bits_per_dim"));
            t.perturbParameters(0.05f);
            float[] x = TestGraph.uniform(5, shape, 0f, 1f, 8);
            List<float[]> v = t.run(g.feed(), x, shape, m.output(Quantity.LOG_LIKELIHOOD), m.output(Quantity.LATENT_TERM),
                    m.output(Quantity.VOLUME_TERM), m.loss());
            double meanBpd = 0;
            int d = shape.dims();
            for (int i = 0; i < 5; i++) {
                assertEquals(v.get(1)[i] + v.get(2)[i], v.get(0)[i], 1e-4 * Math.abs(v.get(0)[i]), "example " + i);
                meanBpd += (-v.get(0)[i] + d * Math.log(256)) / (d * Math.log(2)) / 5;
            }
            assertEquals(meanBpd, v.get(3)[0], 1e-4 * meanBpd);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void samplesAtTemperatureZeroAreDeterministicAndNoiseMakesThemDiffer(ModelCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            ImageShape shape = c.shape();
            Sampler sampler = c.model().build(t.context(shape)).sampler().orElseThrow();
            t.perturbParameters(0.05f);
            float[] cold1 = sample(t, sampler, 3, 0f);
            float[] cold2 = sample(t, sampler, 3, 0f);
            float[] warm = sample(t, sampler, 3, 1f);
            assertEquals(3 * shape.dims(), cold1.length, "3 images of " + shape);
            assertArrayEquals(cold1, cold2, "temperature 0 removes every bit of noise");
            assertFalse(java.util.Arrays.equals(cold1, warm), "temperature 1 draws noise");
            for (float f : warm) assertTrue(Float.isFinite(f));
        }
    }

    @Test
    void onlyFlowsWithActNormHaveADataDependentInitialisation() {
        for (ModelCases.Case c : ModelCases.all()) {
            try (TestGraph t = new TestGraph()) {
                ModelGraph m = c.model().build(t.context(c.shape()));
                boolean glow = c.model().scopeName().contains("glow");
                assertEquals(glow ? 1 : 0, m.initOps().size(), c.name());
            }
        }
    }

    @Test
    void constantVolumeGlowHasTheSameVolumeTermForEveryInputAndAffineGlowDoesNot() {
        for (ModelCases.Case c : ModelCases.all()) {
            if (!c.name().equals("cv_glow") && !c.name().equals("glow, affine, LU")) continue;
            try (TestGraph t = new TestGraph()) {
                ImageShape shape = c.shape();
                GraphContext g = t.context(shape);
                ModelGraph m = c.model().build(g);
                t.perturbParameters(0.05f);
                float[] batch = TestGraph.uniform(8, shape, 0f, 1f, 30);
                t.runTarget(m.initOps().get(0), g.feed(), batch, shape);
                float[] x = new float[3 * shape.dims()];
                float[] noise = TestGraph.uniform(1, shape, 0f, 1f, 31);
                for (int i = 0; i < shape.dims(); i++) {
                    x[i] = noise[i];
                    x[shape.dims() + i] = 1f - noise[i];
                    x[2 * shape.dims() + i] = 0.5f * noise[i] * noise[i];
                }
                List<float[]> v = t.run(g.feed(), x, shape, m.output(Quantity.VOLUME_TERM), m.output(Quantity.LATENT_TERM));
                assertNotEquals(v.get(1)[0], v.get(1)[1], "the inputs differ (their latent terms do)");
                if (c.name().equals("cv_glow")) {
                    assertEquals(v.get(0)[0], v.get(0)[1], 0f);
                    assertEquals(v.get(0)[0], v.get(0)[2], 0f);
                } else {
                    assertNotEquals(v.get(0)[0], v.get(0)[1], "affine couplings make the volume depend on x");
                }
            }
        }
    }

    private static float[] sample(TestGraph t, Sampler sampler, int n, float temperature) {
        try (TInt32 count = TInt32.scalarOf(n);
                TFloat32 temp = TensorIO.scalar(temperature);
                Result r = t.session().runner().feed(sampler.count(), count).feed(sampler.temperature(), temp)
                        .fetch(sampler.samples()).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }
}
