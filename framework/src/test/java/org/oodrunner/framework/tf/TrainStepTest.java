package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** One optimisation step on a linear loss, checked against the update rules written out by hand. */
class TrainStepTest {
    static final float[] W0 = {1f, -2f, 3f};
    static final float[] GRAD = {0.5f, -1f, 2f};
    static final double LR = 0.1;
    static final double B1 = 0.9;
    static final double B2 = 0.999;
    static final double EPS = 1e-8;

    static OptimizerSpec optimizer(OptimizerSpec.Type type, Double clip, double weightDecay) {
        return new OptimizerSpec(type, LR, B1, B2, EPS, 0, clip, OptimizerSpec.Schedule.CONSTANT, null, 0.1, 0,
                weightDecay);
    }

    /** Takes one step of loss = sum(w * GRAD) (so dloss/dw = GRAD) and returns w, the m slot and the reported norm. */
    static float[][] oneStep(OptimizerSpec spec) {
        try (TfRuntime runtime = new TfRuntime(TestGraph.CPU)) {
            Ops tf = runtime.tf();
            Parameters params = new Parameters();
            Variable<TFloat32> w = params.create(tf, "w", tf.constant(W0));
            Operand<TFloat32> loss = tf.sum(tf.math.mul(w, tf.constant(GRAD)), tf.constant(0));
            TrainStep step = TrainStep.build(tf, loss, List.of(), params.all(), spec);
            Session s = runtime.session();
            try (TFloat32 lr = TensorIO.scalar((float) LR);
                    Result r = s.runner().feed(step.learningRate(), lr).addTarget(step.update()).fetch(step.gradNorm()).run()) {
                float norm = TensorIO.toScalar(r.get(0));
                try (Result after = s.runner().fetch(w).fetch("optimizer/slot_0/m").run()) {
                    return new float[][] {TensorIO.toFloats(after.get(0)), TensorIO.toFloats(after.get(1)), {norm}};
                }
            }
        }
    }

    @Test
    void adamTakesTheTextbookFirstStep() {
        float[] w = oneStep(optimizer(OptimizerSpec.Type.ADAM, null, 0))[0];
        for (int i = 0; i < 3; i++) assertEquals(W0[i] - adamStep(GRAD[i]), w[i], 1e-6);
    }

    @Test
    void weightDecayIsDecoupledFromTheAdamStep() {
        double wd = 0.5;
        float[] w = oneStep(optimizer(OptimizerSpec.Type.ADAM, null, wd))[0];
        for (int i = 0; i < 3; i++) {
            // AdamW: shrink by (1 - lr * wd), then the Adam step computed from the loss gradient alone.
            assertEquals(W0[i] * (1 - LR * wd) - adamStep(GRAD[i]), w[i], 1e-6);
        }
    }

    @Test
    void adamaxTakesTheTextbookFirstStep() {
        float[] w = oneStep(optimizer(OptimizerSpec.Type.ADAMAX, null, 0))[0];
        for (int i = 0; i < 3; i++) {
            double m = (1 - B1) * GRAD[i];
            double u = Math.abs(GRAD[i]);
            assertEquals(W0[i] - LR / (1 - B1) * m / (u + EPS), w[i], 1e-6);
        }
    }

    @Test
    void clippingRescalesTheGradientButReportsTheNormBeforeIt() {
        double norm = Math.sqrt(0.25 + 1 + 4);
        float[][] out = oneStep(optimizer(OptimizerSpec.Type.ADAM, 0.1, 0));
        assertEquals(norm, out[2][0], 1e-6);
        for (int i = 0; i < 3; i++) assertEquals((1 - B1) * GRAD[i] * 0.1 / norm, out[1][i], 1e-7);
    }

    private static double adamStep(double g) {
        double m = (1 - B1) * g;
        double v = (1 - B2) * g * g;
        double lrT = LR * Math.sqrt(1 - B2) / (1 - B1);
        return lrT * m / (Math.sqrt(v) + EPS);
    }
}
