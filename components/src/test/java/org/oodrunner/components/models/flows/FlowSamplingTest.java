package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Flow samples against a density known in closed form. A flow of one ActNorm under a learned
 * Gaussian top, its parameters moved off their initialisation, is an affine map of a Gaussian:
 * x = z exp(-s) - b with z ~ N(m, (T exp(l))^2) per channel, so x ~ N(mu_c, sigma_c^2) with
 * mu_c = m_c exp(-s_c) - b_c and sigma_c = T exp(l_c - s_c), computed here in Java from the
 * variables. The samples' per-channel mean and variance, and the distribution of their
 * log-density (-2 (log q(x) - max log q) / T^2 ~ chi-squared with D degrees of freedom), must
 * match within 4 standard errors, at T = 1 and T < 1; and the model's own log p(x) must be that
 * Gaussian's. A flow whose sampler is not the inverse of its density fails the same check.
 */
class FlowSamplingTest {
    private static final ImageShape SHAPE = new ImageShape(2, 2, 3);
    private static final int SAMPLES = 4000;
    private static final double SE = 4;

    /** The flow under test: ActNorm, or (wrongInverse) a copy whose "inverse" applies the forward map again. */
    private record Built(MultiScaleFlow flow, ActNorm actNorm, GaussianPrior top, Placeholder<TFloat32> x) {}

    private static Built build(TestGraph t, boolean wrongInverse) {
        ActNorm actNorm = new ActNorm(t.tf.withSubScope("actnorm"), t.parameters, t.init, SHAPE, 1f);
        Bijector step = wrongInverse ? new Bijector() {
            @Override
            public Output forward(Operand<TFloat32> in) {
                return actNorm.forward(in);
            }

            @Override
            public Operand<TFloat32> inverse(Operand<TFloat32> y) {
                return actNorm.forward(y).y();
            }
        } : actNorm;
        GaussianPrior top = new GaussianPrior(t.tf.withSubScope("top"), t.parameters, t.init, SHAPE, true);
        MultiScaleFlow flow = new MultiScaleFlow(t.tf, List.of(new MultiScaleFlow.Level(step, null)), top);
        return new Built(flow, actNorm, top, t.input(SHAPE));
    }

    /** What is wrong with the samples at temperature T (empty: they follow the known density). */
    private static List<String> problems(boolean wrongInverse, float temperature) {
        try (TestGraph t = new TestGraph()) {
            Built b = build(t, wrongInverse);
            Operand<TFloat32> samples = b.flow().sample(t.tf.constant(SAMPLES), t.tf.constant(temperature), t.seeds);
            MultiScaleFlow.Encoding enc = b.flow().encode(b.x());
            Operand<TFloat32> logProb = t.tf.math.add(enc.latentLogProb(), enc.logDet());
            t.perturbParameters(0.5f);
            float[] x;
            float[][] vars = new float[4][];
            var runner = t.session().runner().fetch(samples);
            t.parameters.all().forEach(runner::fetch);
            try (Result r = runner.run()) {
                x = TensorIO.toFloats(r.get(0));
                for (int i = 0; i < 4; i++) vars[i] = TensorIO.toFloats(r.get(1 + i));
            }
            float[] modelLogProb = t.run(b.x(), x, SHAPE, logProb).get(0);
            return compare(x, modelLogProb, vars[0], vars[1], vars[2], vars[3], temperature);
        }
    }

    private static List<String> compare(float[] x, float[] modelLogProb, float[] bias, float[] logScale, float[] mean,
            float[] logStd, double temperature) {
        int c = SHAPE.channels();
        int d = SHAPE.dims();
        double[] mu = new double[c];
        double[] sigma = new double[c];
        for (int k = 0; k < c; k++) {
            mu[k] = mean[k] * Math.exp(-logScale[k]) - bias[k];
            sigma[k] = temperature * Math.exp(logStd[k] - logScale[k]);
        }
        List<String> problems = new ArrayList<>();
        int perChannel = SAMPLES * d / c;
        for (int k = 0; k < c; k++) {
            double sum = 0;
            double squares = 0;
            for (int i = k; i < x.length; i += c) sum += x[i];
            double m = sum / perChannel;
            for (int i = k; i < x.length; i += c) squares += (x[i] - m) * (x[i] - m);
            double var = squares / (perChannel - 1);
            double var0 = sigma[k] * sigma[k];
            if (Math.abs(m - mu[k]) > SE * sigma[k] / Math.sqrt(perChannel)) {
                problems.add("channel " + k + " mean " + m + ", expected " + mu[k]);
            }
            if (Math.abs(var - var0) > SE * var0 * Math.sqrt(2.0 / (perChannel - 1))) {
                problems.add("channel " + k + " variance " + var + ", expected " + var0);
            }
        }
        // log q(x) at T = 1, the model's density: the flow's log p must equal it on every sample.
        double chi = 0;
        for (int s = 0; s < SAMPLES; s++) {
            double logQ = 0;
            double quad = 0;
            for (int i = 0; i < d; i++) {
                int k = i % c;
                double sd = sigma[k] / temperature;
                double u = (x[s * d + i] - mu[k]) / sd;
                logQ += -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * u * u;
                quad += u * u;
            }
            if (Math.abs(modelLogProb[s] - logQ) > 1e-3 * Math.max(1, Math.abs(logQ))) {
                problems.add("sample " + s + ": the model's log p " + modelLogProb[s] + ", the Gaussian's " + logQ);
                break;
            }
            chi += quad / (temperature * temperature);
        }
        double meanChi = chi / SAMPLES;
        if (Math.abs(meanChi - d) > SE * Math.sqrt(2.0 * d / SAMPLES)) {
            problems.add("-2 (log p - max log p) / T^2 averages " + meanChi + ", expected " + d + " (chi-squared, D = " + d + ")");
        }
        return problems;
    }

    @Test
    void samplesFollowTheFlowsDensityAtTemperatureOne() {
        List<String> problems = problems(false, 1f);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void samplesAtALowerTemperatureFollowTheScaledLatent() {
        List<String> problems = problems(false, 0.6f);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aSamplerThatIsNotTheInverseOfTheDensityFailsTheCheck() {
        assertFalse(problems(true, 1f).isEmpty(), "the check must see a sampler that does not invert the density");
        assertEquals(List.of(), problems(false, 1f));
    }
}
