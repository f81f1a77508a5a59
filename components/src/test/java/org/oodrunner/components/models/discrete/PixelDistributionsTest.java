package org.oodrunner.components.models.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TfRuntime;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The per-sub-pixel distributions against double-precision closed forms, on one "image" of many sub-pixels. */
class PixelDistributionsTest {
    private static float[] eval(TfRuntime rt, Operand<TFloat32> op) {
        try (Result r = rt.session().runner().fetch(op).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }

    private static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
        return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Parameters [1, 1, n, 1, 3K] (logits, means, log-scales), some with extreme scales and means. */
    private static float[] mixtureParams(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n * 3 * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                p[i * 3 * k + c] = (float) r.nextGaussian();
                p[i * 3 * k + k + c] = (float) (1.5 * r.nextGaussian());
                p[i * 3 * k + 2 * k + c] = (float) (i % 4 == 0 ? -6.5 : 3 * r.nextGaussian() - 2);
            }
        }
        return p;
    }

    @Test
    void theDiscretisedLogisticMixtureMatchesItsCdfAndSumsToOne() {
        int levels = 256;
        int k = 3;
        int n = 24;
        float[] params = mixtureParams(n, k, 1);
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
            Ops tf = rt.tf();
            // Every level for every one of the n parameter vectors: [1, 1, n, levels] sub-pixels.
            float[] tiled = new float[n * levels * 3 * k];
            float[] lv = new float[n * levels];
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < levels; l++) {
                    System.arraycopy(params, i * 3 * k, tiled, (i * levels + l) * 3 * k, 3 * k);
                    lv[i * levels + l] = l;
                }
            }
            Operand<TFloat32> p = constant(tf, tiled, 1, 1, n, levels, 3 * k);
            Operand<TFloat32> l = constant(tf, lv, 1, 1, n, levels);
            float[] logP = eval(rt, new DiscretizedLogisticMixture(levels, k).logProb(tf, p, l));
            for (int i = 0; i < n; i++) {
                double total = 0;
                double maxLogErr = 0;
                for (int level = 0; level < levels; level++) {
                    double expected = 0;
                    double[] w = new double[k];
                    double wSum = 0;
                    for (int c = 0; c < k; c++) wSum += w[c] = Math.exp(params[i * 3 * k + c]);
                    for (int c = 0; c < k; c++) {
                        double mean = params[i * 3 * k + k + c];
                        double s = Math.exp(Math.max(-7, Math.min(7, params[i * 3 * k + 2 * k + c])));
                        double hi = level == levels - 1 ? 1 : sigmoid((2.0 * (level + 1) / levels - 1 - mean) / s);
                        double lo = level == 0 ? 0 : sigmoid((2.0 * level / levels - 1 - mean) / s);
                        expected += w[c] / wSum * (hi - lo);
                    }
                    double got = Math.exp(logP[i * levels + level]);
                    total += got;
                    if (expected > 1e-6) maxLogErr = Math.max(maxLogErr, Math.abs(Math.log(expected) - logP[i * levels + level]));
                }
                assertEquals(1.0, total, 1e-4, "parameter vector " + i);
                assertEquals(0.0, maxLogErr, 2e-3, "parameter vector " + i);
            }
        }
    }

    @Test
    void everyDistributionSumsToOneOverTheLevels() {
        int levels = 5;
        for (PixelLikelihood kind : PixelLikelihood.values()) {
            int l = kind == PixelLikelihood.BERNOULLI ? 2 : levels;
            PixelDistribution dist = kind.distribution(l, 2);
            int n = 7;
            int p = dist.paramsPerValue();
            SplittableRandom r = new SplittableRandom(3);
            float[] params = new float[n * l * p];
            float[] lv = new float[n * l];
            for (int i = 0; i < n; i++) {
                float[] one = new float[p];
                for (int j = 0; j < p; j++) one[j] = (float) (2 * r.nextGaussian());
                for (int level = 0; level < l; level++) {
                    System.arraycopy(one, 0, params, (i * l + level) * p, p);
                    lv[i * l + level] = level;
                }
            }
            try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
                Ops tf = rt.tf();
                Operand<TFloat32> pp = constant(tf, params, 1, n, l, 1, p);
                Operand<TFloat32> ll = constant(tf, lv, 1, n, l, 1);
                float[] logP = eval(rt, dist.logProb(tf, pp, ll));
                for (int i = 0; i < n; i++) {
                    double total = 0;
                    for (int level = 0; level < l; level++) total += Math.exp(logP[i * l + level]);
                    assertEquals(1.0, total, 1e-5, kind + ", parameter vector " + i);
                }
            }
        }
    }

    @Test
    void samplesFollowTheProbabilities() {
        int levels = 4;
        int draws = 40_000;
        for (PixelLikelihood kind : PixelLikelihood.values()) {
            int l = kind == PixelLikelihood.BERNOULLI ? 2 : levels;
            PixelDistribution dist = kind.distribution(l, 2);
            int p = dist.paramsPerValue();
            SplittableRandom r = new SplittableRandom(5);
            float[] one = new float[p];
            for (int j = 0; j < p; j++) one[j] = (float) r.nextGaussian();
            float[] params = new float[draws * p];
            for (int i = 0; i < draws; i++) System.arraycopy(one, 0, params, i * p, p);
            float[] lv = new float[l];
            float[] paramsPerLevel = new float[l * p];
            for (int level = 0; level < l; level++) {
                lv[level] = level;
                System.arraycopy(one, 0, paramsPerLevel, level * p, p);
            }
            try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
                Ops tf = rt.tf();
                Operand<TFloat32> drawn = dist.sample(tf, constant(tf, params, draws, 1, 1, 1, p), tf.constant(1f), new OpSeeds(9));
                Operand<TFloat32> logP = dist.logProb(tf, constant(tf, paramsPerLevel, 1, 1, l, 1, p),
                        constant(tf, lv, 1, 1, l, 1));
                float[] s = eval(rt, drawn);
                float[] lp = eval(rt, logP);
                int[] counts = new int[l];
                for (float v : s) counts[(int) v]++;
                for (int level = 0; level < l; level++) {
                    double prob = Math.exp(lp[level]);
                    double sd = Math.sqrt(prob * (1 - prob) / draws);
                    assertEquals(prob, counts[level] / (double) draws, 5 * sd + 1e-4, kind + " level " + level);
                }
            }
        }
    }

    @Test
    void levelsAreRecoveredFromUniformNoiseAndFromBinCentres() {
        int levels = 8;
        float[] x = new float[2 * levels];
        SplittableRandom r = new SplittableRandom(2);
        for (int l = 0; l < levels; l++) {
            x[l] = (l + 0.5f) / levels;
            x[levels + l] = l == levels - 1 ? Math.nextDown(1f) : (l + (float) r.nextDouble()) / levels;
        }
        x[levels] = 0f; // the lowest possible input
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
            Ops tf = rt.tf();
            QuantisedInput q = QuantisedInput.of(tf, constant(tf, x, 1, 2, levels, 1), levels);
            float[] got = eval(rt, q.levels());
            float[] centred = eval(rt, q.centred());
            for (int l = 0; l < levels; l++) {
                assertEquals(l, got[l]);
                assertEquals(l, got[levels + l]);
                assertEquals(2 * (l + 0.5) / levels - 1, centred[levels + l], 1e-6);
            }
        }
    }
}
