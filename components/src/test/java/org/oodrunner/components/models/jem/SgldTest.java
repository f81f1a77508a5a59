package org.oodrunner.components.models.jem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.testing.ModelHarness;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The SGLD chain on a density with a closed form, and on a fixed JEM network. */
class SgldTest {
    @Test
    void withoutNoiseAGaussianChainContractsGeometricallyTowardsTheMean() {
        // log q(x) = -|x - m|^2 / 2 per example: x_k = m + (1 - a)^k (x_0 - m).
        float a = 0.3f;
        int steps = 5;
        float[] start = {2f, -1f, 0.5f, 4f, 0f, -3f, 1f, 1f};
        float mean = 0.25f;
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), 1)) {
            Ops tf = h.context().tf().withSubScope("quadratic");
            Operand<TFloat32> x0 = tf.constant(org.tensorflow.ndarray.Shape.of(2, 2, 2, 1),
                    org.tensorflow.ndarray.buffer.DataBuffers.of(start));
            Operand<TFloat32> end = Sgld.chain(tf,
                    x -> tf.math.mul(tf.constant(-0.5f),
                            tf.sum(tf.math.square(tf.math.sub(x, tf.constant(mean))), tf.constant(new int[] {1, 2, 3}))),
                    x0, steps, a, 0f, () -> {
                        throw new AssertionError("no noise, no seeds");
                    });
            float[] out = h.run(end, new float[0], 0);
            for (int i = 0; i < start.length; i++) {
                assertEquals(mean + Math.pow(1 - a, steps) * (start[i] - mean), out[i], 1e-5, "element " + i);
            }
        }
    }

    private static float[] uniformImages(int n, long seed) {
        float[] x = new float[n * JemFixtures.SHAPE.dims()];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble();
        return x;
    }

    @Test
    void onAFixedNetworkEveryNoiselessStepLowersTheEnergyOfEverySample() {
        int n = 6;
        float[] start = uniformImages(n, 3);
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), 2)) {
            Ops tf = h.context().tf().withSubScope("fixed");
            Network f = Network.create(tf.withSubScope("network"), h.context(), JemFixtures.convnet());
            h.runtime().session(); // initialise the new network's variables with the rest
            OpSeeds seeds = new OpSeeds(9);
            Operand<TFloat32> x = h.context().feed();
            float[] energy = energies(h, tf, f, x, start, n);
            float[] previous = energy;
            for (int steps = 1; steps <= 4; steps++) {
                Operand<TFloat32> end = Sgld.chain(tf.withSubScope("chain" + steps),
                        y -> JemModel.logSumExp(tf, f.logits(tf, y)), x, steps, 1f, 0f,
                        () -> StepSeeds.fixed(tf, seeds));
                float[] moved = h.run(end, start, n);
                float[] e = energies(h, tf, f, x, moved, n);
                for (int i = 0; i < n; i++) {
                    assertTrue(e[i] < previous[i], "sample " + i + ": energy " + e[i] + " after " + steps
                            + " steps, " + previous[i] + " after one fewer");
                }
                previous = e;
            }
        }
    }

    @Test
    void withJemsNoiseTheChainStillMovesSamplesToLowerEnergyOnAverage() {
        int n = 16;
        float[] start = uniformImages(n, 4);
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), 3)) {
            Ops tf = h.context().tf().withSubScope("fixed");
            Network f = Network.create(tf.withSubScope("network"), h.context(), JemFixtures.convnet());
            h.runtime().session();
            OpSeeds seeds = new OpSeeds(10);
            Operand<TFloat32> x = h.context().feed();
            Operand<TFloat32> end = Sgld.chain(tf, y -> JemModel.logSumExp(tf, f.logits(tf, y)), x, 20, 1f, 0.01f,
                    () -> StepSeeds.fixed(tf, seeds));
            float[] before = energies(h, tf, f, x, start, n);
            float[] after = energies(h, tf, f, x, h.run(end, start, n), n);
            double meanBefore = 0;
            double meanAfter = 0;
            for (int i = 0; i < n; i++) {
                meanBefore += before[i] / n;
                meanAfter += after[i] / n;
            }
            assertTrue(meanAfter < meanBefore, "mean energy " + meanBefore + " -> " + meanAfter);
        }
    }

    /** E(x) = -logsumexp f(x) per example. */
    private static float[] energies(ModelHarness h, Ops tf, Network f, Operand<TFloat32> x, float[] images, int n) {
        float[] lse = h.run(JemModel.logSumExp(tf, f.logits(tf, x)), images, n);
        for (int i = 0; i < lse.length; i++) lse[i] = -lse[i];
        return lse;
    }
}
