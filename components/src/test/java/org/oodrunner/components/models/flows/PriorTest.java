package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.latent.FactorOut;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The latent densities against the Gaussian log-density computed in Java. */
class PriorTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 4);

    @Test
    void learnedTopPriorIsAPerChannelGaussian() {
        try (TestGraph t = new TestGraph()) {
            GaussianPrior prior = new GaussianPrior(t.tf, t.parameters, t.init, SHAPE, true);
            Placeholder<TFloat32> z = t.input(SHAPE);
            Operand<TFloat32> logProb = prior.logProb(z);
            t.perturbParameters(0.5f);
            List<Variable<TFloat32>> vars = t.parameters.all();
            float[] x = TestGraph.uniform(2, SHAPE, -2f, 2f, 4);
            List<float[]> v = t.run(z, x, SHAPE, logProb, vars.get(0), vars.get(1));
            float[] mean = v.get(1);
            float[] logStd = v.get(2);
            int c = SHAPE.channels();
            for (int b = 0; b < 2; b++) {
                double expected = 0;
                for (int i = 0; i < SHAPE.dims(); i++) {
                    expected += logNormal(x[b * SHAPE.dims() + i], mean[i % c], logStd[i % c]);
                }
                assertEquals(expected, v.get(0)[b], 1e-4 * Math.abs(expected), "example " + b);
            }
        }
    }

    @Test
    void standardFactorOutScoresTheFactoredHalfUnderTheStandardNormal() {
        try (TestGraph t = new TestGraph()) {
            FactorOut split = new FactorOut(t.tf, t.parameters, t.init, SHAPE, false);
            Placeholder<TFloat32> x = t.input(SHAPE);
            FactorOut.Parts parts = split.split(x);
            Operand<TFloat32> logProb = split.logProb(parts);
            float[] values = TestGraph.uniform(1, SHAPE, -2f, 2f, 6);
            List<float[]> v = t.run(x, values, SHAPE, logProb, split.merge(parts.kept(), parts.factored()));
            double expected = 0;
            for (int i = 0; i < SHAPE.dims(); i++) {
                if (i % SHAPE.channels() >= SHAPE.channels() / 2) expected += logNormal(values[i], 0, 0);
            }
            assertEquals(expected, v.get(0)[0], 1e-4 * Math.abs(expected));
            for (int i = 0; i < values.length; i++) assertEquals(values[i], v.get(1)[i], 0f, "merge undoes split");
        }
    }

    /**
     * Glow's learned conditional prior: mean and log-scale come from a 3x3 SAME convolution of the
     * kept half. Computed here in Java from the kernel and bias: the mean is what sampling at
     * temperature 0 returns, the log-scale is the log of the spread of samples at temperature 1,
     * and the log-density is the Gaussian with both, evaluated in Java.
     */
    @Test
    void learnedConditionalPriorIsTheGaussianOfAConvolutionOfTheKeptHalf() {
        int batch = 3000;
        try (TestGraph t = new TestGraph()) {
            FactorOut split = new FactorOut(t.tf, t.parameters, t.init, SHAPE, true);
            Placeholder<TFloat32> x = t.input(SHAPE);
            FactorOut.Parts parts = split.split(x);
            Operand<TFloat32> logProb = split.logProb(parts);
            Operand<TFloat32> atZero = split.sample(parts.kept(), t.tf.constant(0f), 5);
            Operand<TFloat32> atOne = split.sample(parts.kept(), t.tf.constant(1f), 6);
            t.perturbParameters(0.5f);
            List<Variable<TFloat32>> vars = t.parameters.all();
            // Every example has the same kept half (so the draws at T = 1 share a mean and a scale)
            // and its own factored half.
            float[] one = TestGraph.uniform(1, SHAPE, -2f, 2f, 8);
            float[] values = TestGraph.uniform(batch, SHAPE, -2f, 2f, 9);
            int c = SHAPE.channels();
            int half = c / 2;
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < SHAPE.dims(); i++) {
                    if (i % c < half) values[b * SHAPE.dims() + i] = one[i];
                }
            }
            List<float[]> v = t.run(x, values, SHAPE, logProb, atZero, atOne, vars.get(0), vars.get(1));
            float[] kernel = v.get(3);
            float[] bias = v.get(4);
            int h = SHAPE.height();
            int w = SHAPE.width();
            double[] mean = new double[h * w * half];
            double[] logStd = new double[h * w * half];
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    for (int o = 0; o < c; o++) {
                        double sum = bias[o];
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int yy = y + dy;
                                int xs = xx + dx;
                                if (yy < 0 || yy >= h || xs < 0 || xs >= w) continue;
                                for (int in = 0; in < half; in++) {
                                    // kernel [3, 3, in, out] (HWIO)
                                    sum += one[(yy * w + xs) * c + in] * kernel[(((dy + 1) * 3 + dx + 1) * half + in) * c + o];
                                }
                            }
                        }
                        if (o < half) mean[(y * w + xx) * half + o] = sum;
                        else logStd[(y * w + xx) * half + o - half] = sum;
                    }
                }
            }
            for (int p = 0; p < mean.length; p++) {
                assertEquals(mean[p], v.get(1)[p], 1e-4 * Math.max(1, Math.abs(mean[p])), "mean at " + p);
                double sum = 0;
                double squares = 0;
                for (int b = 0; b < batch; b++) sum += v.get(2)[b * mean.length + p];
                double m = sum / batch;
                for (int b = 0; b < batch; b++) squares += Math.pow(v.get(2)[b * mean.length + p] - m, 2);
                double sd = Math.sqrt(squares / (batch - 1));
                // The sample standard deviation's standard error is about sigma / sqrt(2 (n - 1)).
                assertEquals(Math.exp(logStd[p]), sd, 4 * Math.exp(logStd[p]) / Math.sqrt(2.0 * (batch - 1)), "scale at " + p);
                assertEquals(mean[p], m, 4 * Math.exp(logStd[p]) / Math.sqrt(batch), "sample mean at " + p);
            }
            for (int b = 0; b < 5; b++) {
                double expected = 0;
                for (int i = 0; i < SHAPE.dims(); i++) {
                    if (i % c < half) continue;
                    int p = (i / c) * half + i % c - half;
                    expected += logNormal(values[b * SHAPE.dims() + i], mean[p], logStd[p]);
                }
                assertEquals(expected, v.get(0)[b], 1e-4 * Math.max(1, Math.abs(expected)), "log-density of example " + b);
            }
        }
    }

    private static double logNormal(double x, double mean, double logStd) {
        double u = (x - mean) / Math.exp(logStd);
        return -0.5 * (Math.log(2 * Math.PI) + u * u) - logStd;
    }
}
