package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Every bijector on real graphs, its parameters moved away from their initial values:
 * inverse(forward(x)) = x, and its log-determinant equals log |det J| of the full Jacobian.
 */
class BijectorTest {
    private static final ImageShape SHAPE = BijectorCases.SHAPE;

    static List<BijectorCases.Case> cases() {
        return BijectorCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void inverseUndoesForward(BijectorCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            Bijector b = c.make().apply(new BijectorCases.Tools(t.tf, t.parameters, t.init), SHAPE);
            Placeholder<TFloat32> x = t.input(SHAPE);
            Bijector.Output out = b.forward(x);
            Operand<TFloat32> back = b.inverse(out.y());
            t.perturbParameters(0.2f);
            float[] images = TestGraph.uniform(3, SHAPE, 0f, 1f, 1);
            List<float[]> values = t.run(x, images, SHAPE, out.y(), back, out.logDet());
            assertEquals(images.length, values.get(0).length, "forward keeps the number of values");
            assertEquals(3, values.get(2).length, "one log-determinant per example");
            for (int i = 0; i < images.length; i++) {
                assertEquals(images[i], values.get(1)[i], 1e-4, "value " + i + " after forward then inverse");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logDetIsTheLogOfTheJacobianDeterminant(BijectorCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            Bijector b = c.make().apply(new BijectorCases.Tools(t.tf, t.parameters, t.init), SHAPE);
            Placeholder<TFloat32> x = t.input(SHAPE);
            Bijector.Output out = b.forward(x);
            Jacobians jacobian = new Jacobians(t, x, SHAPE, out.y());
            t.perturbParameters(0.2f);
            for (long seed = 2; seed <= 3; seed++) {
                float[] point = TestGraph.uniform(1, SHAPE, 0f, 1f, seed);
                double reported = t.run(x, point, SHAPE, out.logDet()).get(0)[0];
                Jacobians.assertClose(jacobian.logAbsDet(point), reported, c.name() + " at point " + seed);
            }
        }
    }
}
