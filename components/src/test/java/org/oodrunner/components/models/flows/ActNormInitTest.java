package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.DataInit;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * ActNorm's data-dependent initialisation: after the init op runs on a batch, each ActNorm's
 * output on that batch has zero mean and the chosen standard deviation per channel, including
 * an ActNorm that sits behind other layers (the init pass feeds normalised activations on).
 */
class ActNormInitTest {
    private static final ImageShape SHAPE = new ImageShape(4, 4, 3);

    @Test
    void initialisedActNormsNormaliseTheInitBatch() {
        try (TestGraph t = new TestGraph()) {
            ActNorm first = new ActNorm(t.tf.withSubScope("first"), t.parameters, t.init, SHAPE, 1f);
            LuInvertibleConv mix = new LuInvertibleConv(t.tf.withSubScope("mix"), t.parameters, SHAPE, 3);
            ActNorm second = new ActNorm(t.tf.withSubScope("second"), t.parameters, t.init, SHAPE, 0.5f);
            Placeholder<TFloat32> x = t.input(SHAPE);
            Operand<TFloat32> y1 = first.forward(x).y();
            Operand<TFloat32> y3 = second.forward(mix.forward(y1).y()).y();
            DataInit init = new DataInit();
            Bijector.Output initPass = new Chain(t.tf, List.of(first, mix, second)).initialize(x, init);
            t.perturbParameters(0.3f);
            // A batch far from normalised: mean about 3, spread about 2, different per channel.
            float[] batch = TestGraph.uniform(16, SHAPE, 0f, 1f, 9);
            for (int i = 0; i < batch.length; i++) batch[i] = 2 + (i % 3) + batch[i] * (1 + i % 3) * 2;
            t.runTarget(init.asOp(t.tf).orElseThrow(), x, batch, SHAPE);
            List<float[]> out = t.run(x, batch, SHAPE, y1, y3, initPass.y());
            assertStandardised(out.get(0), 1f, "first ActNorm");
            assertStandardised(out.get(1), 0.5f, "second ActNorm, behind a 1x1 convolution");
            for (int i = 0; i < out.get(1).length; i++) {
                assertEquals(out.get(1)[i], out.get(2)[i], 1e-4, "the init pass passes on what the initialised layers compute");
            }
        }
    }

    private static void assertStandardised(float[] y, float std, String what) {
        int c = SHAPE.channels();
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            double sq = 0;
            int n = 0;
            for (int i = ch; i < y.length; i += c) {
                sum += y[i];
                sq += (double) y[i] * y[i];
                n++;
            }
            double mean = sum / n;
            assertEquals(0, mean, 1e-4, what + ": mean of channel " + ch);
            assertEquals(std, Math.sqrt(sq / n - mean * mean), 1e-3, what + ": standard deviation of channel " + ch);
        }
    }
}
