package org.oodrunner.components.models.gaussian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.testing.ModelHarness;

/** The baseline's graph against closed forms, before any training (loc 0.5, scale = initial_scale). */
class GaussianModelTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 1);

    private static float[] image(float... v) {
        return v;
    }

    @Test
    void gaussianLogLikelihoodAndBitsPerDimMatchTheClosedForm() {
        double s = 0.25;
        float[] x = image(0.5f, 0.75f, 0.25f, 0f, 1f, 0.6f);
        double expected = 0;
        for (float v : x) {
            double z = (v - 0.5) / s;
            expected += -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
        }
        try (ModelHarness h = new ModelHarness(new GaussianModel(new GaussianParams(GaussianParams.Distribution.GAUSSIAN, s)),
                SHAPE, 256, 0)) {
            assertEquals(expected, h.run(Quantity.LOG_LIKELIHOOD, x, 1)[0], 1e-4);
            double bitsPerDim = (-expected + 6 * Math.log(256)) / (6 * Math.log(2));
            assertEquals(bitsPerDim, h.run(h.graph().loss(), x, 1)[0], 1e-5);
        }
    }

    @Test
    void logisticLogLikelihoodMatchesTheClosedForm() {
        double s = 0.1;
        float[] x = image(0.5f, 0.9f, 0.1f, 0.3f, 0.55f, 0.0f);
        double expected = 0;
        for (float v : x) {
            double z = (v - 0.5) / s;
            expected += -z - 2 * Math.log1p(Math.exp(-z)) - Math.log(s);
        }
        try (ModelHarness h = new ModelHarness(new GaussianModel(new GaussianParams(GaussianParams.Distribution.LOGISTIC, s)),
                SHAPE, 32, 0)) {
            assertEquals(expected, h.run(Quantity.LOG_LIKELIHOOD, x, 1)[0], 1e-4);
            // With 5-bit data the constant is D log 32.
            assertEquals((-expected + 6 * Math.log(32)) / (6 * Math.log(2)), h.run(h.graph().loss(), x, 1)[0], 1e-5);
        }
    }

    @Test
    void perExampleValuesInABatch() {
        float[] two = new float[12];
        for (int i = 6; i < 12; i++) two[i] = 0.5f;
        try (ModelHarness h = new ModelHarness(new GaussianModel(new GaussianParams(GaussianParams.Distribution.GAUSSIAN, 0.3)),
                SHAPE, 256, 0)) {
            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, two, 2);
            assertEquals(2, ll.length);
            // The second image sits on the mean: its log-density is the Gaussian's peak, 6 times.
            assertEquals(6 * (-Math.log(0.3) - 0.5 * Math.log(2 * Math.PI)), ll[1], 1e-4);
            assertEquals(ll[1] - 6 * 0.5 * (0.5 / 0.3) * (0.5 / 0.3), ll[0], 1e-4);
        }
    }
}
