package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.components.models.flows.bijectors.PlainInvertibleConv;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Gradients reach every flow's parameters: a few Adam steps on a fixed batch lower the loss. */
class FlowTrainingTest {
    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adamStepsOnOneBatchLowerTheLoss(ModelCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            ImageShape shape = c.shape();
            GraphContext g = t.context(shape);
            ModelGraph m = c.model().build(g);
            Op step = adam(t.tf, m.loss(), t.parameters.all(), 0.01f);
            float[] batch = TestGraph.uniform(16, shape, 0f, 1f, 40);
            for (int i = 0; i < batch.length; i++) batch[i] = batch[i] * batch[i];
            for (Op init : m.initOps()) t.runTarget(init, g.feed(), batch, shape);
            float before = t.run(g.feed(), batch, shape, m.loss()).get(0)[0];
            for (int s = 0; s < 20; s++) t.runTarget(step, g.feed(), batch, shape);
            float after = t.run(g.feed(), batch, shape, m.loss()).get(0)[0];
            assertTrue(after < before - 0.2, c.name() + ": loss " + before + " -> " + after + " bits/dim");
        }
    }

    /**
     * The plain 1x1 convolution's log-determinant has the gradient H W (W^-1)^T although no
     * determinant op in TensorFlow Java has a gradient.
     */
    @Test
    void plainInvertibleConvLogDetHasTheInverseTransposeAsGradient() {
        ImageShape shape = new ImageShape(3, 2, 4);
        try (TestGraph t = new TestGraph()) {
            PlainInvertibleConv conv = new PlainInvertibleConv(t.tf, t.parameters, shape, 5);
            Placeholder<TFloat32> x = t.input(shape);
            Operand<TFloat32> logDet = t.tf.sum(conv.forward(x).logDet(), t.tf.constant(0));
            Variable<TFloat32> w = t.parameters.all().get(0);
            Operand<TFloat32> gradient = t.tf.gradients(logDet, List.of(w)).dy(0);
            t.perturbParameters(0.3f);
            List<float[]> v = t.run(x, TestGraph.uniform(1, shape, 0f, 1f, 1), shape, gradient, w);
            double[][] inverse = invert(v.get(1), 4);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(6 * inverse[j][i], v.get(0)[i * 4 + j], 1e-4, "d logdet / dW[" + i + "][" + j + "]");
                }
            }
        }
    }

    private static double[][] invert(float[] flat, int n) {
        double[][] a = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) a[i][j] = flat[i * n + j];
            a[i][n + i] = 1;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
            double[] row = a[k];
            a[k] = a[p];
            a[p] = row;
            double pivot = a[k][k];
            for (int j = 0; j < 2 * n; j++) a[k][j] /= pivot;
            for (int i = 0; i < n; i++) {
                if (i == k) continue;
                double f = a[i][k];
                for (int j = 0; j < 2 * n; j++) a[i][j] -= f * a[k][j];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(a[i], n, inv[i], 0, n);
        return inv;
    }

    private static Op adam(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, float lr) {
        var grads = tf.gradients(loss, variables);
        Variable<TFloat32> beta1Power = tf.variable(tf.constant(0.9f));
        Variable<TFloat32> beta2Power = tf.variable(tf.constant(0.999f));
        // Variables are updated in place: no update may start before every gradient is computed,
        // or a gradient reads half-updated weights and the steps depend on thread timing (as the
        // framework's TrainStep orders them).
        List<Op> gradients = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) gradients.add(tf.identity(grads.dy(i)));
        Ops ordered = tf.withControlDependencies(gradients);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            updates.add(ordered.train.applyAdam(v, tf.variable(tf.zerosLike(v)), tf.variable(tf.zerosLike(v)), beta1Power,
                    beta2Power, tf.constant(lr), tf.constant(0.9f), tf.constant(0.999f), tf.constant(1e-8f), grads.dy(i)));
        }
        Ops after = tf.withControlDependencies(updates);
        return tf.withControlDependencies(List.of(after.assign(beta1Power, after.math.mul(beta1Power, tf.constant(0.9f))),
                after.assign(beta2Power, after.math.mul(beta2Power, tf.constant(0.999f))))).noOp();
    }
}
