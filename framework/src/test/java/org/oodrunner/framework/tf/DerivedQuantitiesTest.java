package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/** The framework-derived input gradient, on a real graph whose gradient is known in closed form. */
class DerivedQuantitiesTest {
    /** log p(x) = -sum_d c_d x_d^2 with c_d = d + 1: d log p / d x_d = -2 c_d x_d. */
    private static final class Quadratic implements Model {
        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOG_LIKELIHOOD);
        }

        @Override
        public ModelGraph build(GraphContext g) {
            var tf = g.tf();
            float[] c = new float[g.dims()];
            for (int d = 0; d < c.length; d++) c[d] = d + 1;
            var weights = tf.reshape(tf.constant(c), tf.constant(new long[] {1, g.shape().height(), g.shape().width(),
                    g.shape().channels()}));
            var w = g.parameters().create(tf, "unused", tf.constant(0f));
            var ll = tf.math.neg(tf.sum(tf.math.mul(weights, tf.math.square(g.images())), tf.constant(new int[] {1, 2, 3})));
            return ModelGraph.builder().loss(tf.math.add(tf.math.mean(ll, tf.constant(0)), w)).output(Quantity.LOG_LIKELIHOOD, ll)
                    .build();
        }
    }

    @Test
    void gradientNormIsDerivedOnlyFromLogLikelihood() {
        assertTrue(DerivedQuantities.available(Set.of(Quantity.LOG_LIKELIHOOD)).contains(Quantity.INPUT_GRADIENT_NORM));
        assertFalse(DerivedQuantities.available(Set.of(Quantity.LOGITS)).contains(Quantity.INPUT_GRADIENT_NORM));
        assertEquals(Set.of(Quantity.INPUT_GRADIENT_NORM), DerivedQuantities.derivedAmong(
                Set.of(Quantity.LOG_LIKELIHOOD, Quantity.INPUT_GRADIENT_NORM), Set.of(Quantity.LOG_LIKELIHOOD)));
    }

    @Test
    void perExampleGradientNormMatchesTheClosedForm() {
        ImageShape shape = new ImageShape(2, 2, 1);
        RuntimeSpec cpu = new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0);
        try (BuiltModel plain = BuiltModel.build(new Quadratic(), cpu, InputTransform.identity(), shape, 0, 256, 1, Set.of())) {
            assertFalse(plain.model().outputs().containsKey(Quantity.INPUT_GRADIENT_NORM), "built only when asked for");
        }
        try (BuiltModel m = BuiltModel.build(new Quadratic(), cpu, InputTransform.identity(), shape, 0, 256, 1, Set.of(Quantity.INPUT_GRADIENT_NORM))) {
            float[] x = {0.1f, 0.2f, 0.3f, 0.4f, 1f, 0f, 0f, 0.5f};
            float[] norms;
            try (TFloat32 in = TensorIO.floats(x, 2, 2, 2, 1);
                    Result r = m.runtime().session().runner().feed(m.graph().feed(), in)
                            .fetch(m.model().output(Quantity.INPUT_GRADIENT_NORM)).run()) {
                norms = TensorIO.toFloats(r.get(0));
            }
            for (int i = 0; i < 2; i++) {
                double sq = 0;
                for (int d = 0; d < 4; d++) {
                    double g = -2 * (d + 1) * x[i * 4 + d];
                    sq += g * g;
                }
                assertEquals(Math.sqrt(sq), norms[i], 1e-5, "example " + i);
            }
        }
    }
}
