package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.ChannelLinear;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.PlainInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.glow.CouplingType;
import org.oodrunner.components.models.flows.glow.GlowModel;
import org.oodrunner.components.models.flows.glow.GlowParams;
import org.oodrunner.components.models.flows.glow.InvertibleConvType;
import org.oodrunner.framework.component.ModelProperty;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The per-pixel matrices the second-moment analysis reads, and CV-Glow's alpha_c built from them. */
class ChannelAlphaTest {
    private static final ImageShape PIXELS = new ImageShape(2, 2, 3);
    private static final ImageShape COLOUR = new ImageShape(4, 4, 3);

    @Test
    void eachChannelMatrixIsTheMapTheLayerAppliesToEveryPixel() {
        try (TestGraph t = new TestGraph()) {
            List<ChannelLinear> layers = List.of(
                    new ActNorm(t.tf.withSubScope("actnorm"), t.parameters, t.init, PIXELS, 1f),
                    new LuInvertibleConv(t.tf.withSubScope("lu"), t.parameters, PIXELS, 3),
                    new PlainInvertibleConv(t.tf.withSubScope("plain"), t.parameters, PIXELS, 4));
            Placeholder<TFloat32> x = t.input(PIXELS);
            t.perturbParameters(0.3f);
            float[] a = TestGraph.uniform(2, PIXELS, -1, 1, 11);
            float[] b = TestGraph.uniform(2, PIXELS, -1, 1, 12);
            for (ChannelLinear layer : layers) {
                Operand<TFloat32> y = layer.forward(x).y();
                float[] m = fetch(t, layer.channelMatrix());
                float[] ya = t.run(x, a, PIXELS, y).get(0);
                float[] yb = t.run(x, b, PIXELS, y).get(0);
                // y = M x + b' per pixel, so f(a) - f(b) = M (a - b) at every pixel.
                for (int p = 0; p < a.length / 3; p++) {
                    for (int i = 0; i < 3; i++) {
                        double expected = 0;
                        for (int j = 0; j < 3; j++) expected += m[i * 3 + j] * (a[p * 3 + j] - b[p * 3 + j]);
                        assertEquals(expected, ya[p * 3 + i] - yb[p * 3 + i], 1e-4, layer.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Test
    void alphaMultipliesTheRowSumsOfTheFirstLevelAndFoldsTheSqueezeBackToImageChannels() {
        int steps = 3;
        GlowModel model = GlowModel.glow(new GlowParams(2, steps, 8, CouplingType.ADDITIVE, ScaleFunction.SIGMOID,
                InvertibleConvType.PLAIN, true, 1.0));
        try (TestGraph t = new TestGraph()) {
            ModelGraph graph = model.build(t.context(COLOUR));
            Operand<TFloat32> alphaOp = graph.properties().get(ModelProperty.CHANNEL_ALPHA);
            assertNotNull(alphaOp, "a constant-volume Glow offers channel_alpha");
            t.perturbParameters(0.2f);
            float[] alpha = fetch(t, alphaOp);
            assertEquals(3, alpha.length);

            int squeezed = 12;
            double[] perSqueezed = new double[squeezed];
            Arrays.fill(perSqueezed, 1);
            for (int k = 0; k < steps; k++) {
                String step = "glow/level_0/step_" + k;
                float[] logScale = fetch(t, t.graph.operation(step + "/actnorm/log_scale").output(0));
                float[] w = fetch(t, t.graph.operation(step + "/invconv/weight").output(0));
                for (int j = 0; j < squeezed; j++) {
                    double rowSum = 0;
                    for (int i = 0; i < squeezed; i++) rowSum += w[j * squeezed + i];
                    perSqueezed[j] *= Math.exp(logScale[j]) * rowSum;
                }
            }
            for (int c = 0; c < 3; c++) {
                double meanSquare = 0;
                for (int offset = 0; offset < 4; offset++) meanSquare += perSqueezed[offset * 3 + c] * perSqueezed[offset * 3 + c] / 4;
                assertEquals(Math.sqrt(meanSquare), alpha[c], 1e-4 * Math.sqrt(meanSquare), "channel " + c);
            }
        }
    }

    @Test
    void onlyConstantVolumeGlowsOfferAlpha() {
        GlowModel affine = GlowModel.glow(new GlowParams(2, 2, 8, CouplingType.AFFINE, ScaleFunction.SIGMOID,
                InvertibleConvType.LU, true, 1.0));
        try (TestGraph t = new TestGraph()) {
            assertFalse(affine.build(t.context(COLOUR)).properties().containsKey(ModelProperty.CHANNEL_ALPHA));
        }
    }

    private static float[] fetch(TestGraph t, Operand<TFloat32> op) {
        try (Result r = t.session().runner().fetch(op).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }
}
