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

    private static double logNormal(double x, double mean, double logStd) {
        double u = (x - mean) / Math.exp(logStd);
        return -0.5 * (Math.log(2 * Math.PI) + u * u) - logStd;
    }
}
