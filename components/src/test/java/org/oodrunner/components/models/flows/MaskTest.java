package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.stnets.BottleneckType;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.components.models.flows.stnets.StNetType;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Each mask does what research.md says, read off the Jacobian of a real coupling: which values
 * change, and which values the change may depend on.
 */
class MaskTest {
    private static final ImageShape SHAPE = new ImageShape(4, 4, 2);

    /** Which (row, column, channel) a coupling changes, and which it conditions on. */
    interface Region {
        boolean contains(int r, int c, int ch);
    }

    static Stream<Arguments> masks() {
        return Stream.of(
                Arguments.of(MaskType.CHECKERBOARD, 0, (Region) (r, c, ch) -> (r + c) % 2 == 1, (Region) (r, c, ch) -> (r + c) % 2 == 0),
                Arguments.of(MaskType.CHECKERBOARD, 1, (Region) (r, c, ch) -> (r + c) % 2 == 0, (Region) (r, c, ch) -> (r + c) % 2 == 1),
                Arguments.of(MaskType.CHANNEL, 0, (Region) (r, c, ch) -> ch == 1, (Region) (r, c, ch) -> ch == 0),
                Arguments.of(MaskType.CHANNEL, 1, (Region) (r, c, ch) -> ch == 0, (Region) (r, c, ch) -> ch == 1),
                Arguments.of(MaskType.HORIZONTAL, 0, (Region) (r, c, ch) -> r >= 2, (Region) (r, c, ch) -> r < 2),
                Arguments.of(MaskType.HORIZONTAL, 1, (Region) (r, c, ch) -> r < 2, (Region) (r, c, ch) -> r >= 2),
                // Quadrants clockwise from the top left; coupling i changes quadrant i+1 given quadrant i.
                Arguments.of(MaskType.CYCLIC, 0, (Region) (r, c, ch) -> r < 2 && c >= 2, (Region) (r, c, ch) -> r < 2 && c < 2),
                Arguments.of(MaskType.CYCLIC, 1, (Region) (r, c, ch) -> r >= 2 && c >= 2, (Region) (r, c, ch) -> r < 2 && c >= 2),
                Arguments.of(MaskType.CYCLIC, 2, (Region) (r, c, ch) -> r >= 2 && c < 2, (Region) (r, c, ch) -> r >= 2 && c >= 2),
                Arguments.of(MaskType.CYCLIC, 3, (Region) (r, c, ch) -> r < 2 && c < 2, (Region) (r, c, ch) -> r >= 2 && c < 2),
                Arguments.of(MaskType.CYCLIC, 4, (Region) (r, c, ch) -> r < 2 && c >= 2, (Region) (r, c, ch) -> r < 2 && c < 2));
    }

    @ParameterizedTest(name = "{0} coupling #{1}")
    @MethodSource("masks")
    void couplingChangesOnlyItsRegionGivenOnlyItsConditioner(MaskType type, int index, Region changed, Region conditioning) {
        try (TestGraph t = new TestGraph()) {
            StNetParams net = new StNetParams(StNetType.RESNET, 8, 1, 3, null, BottleneckType.CHANNELS);
            Bijector coupling = BijectorCases.affine(new BijectorCases.Tools(t.tf, t.parameters, t.init), SHAPE, type, index,
                    net, ScaleFunction.TANH);
            Placeholder<TFloat32> x = t.input(SHAPE);
            Bijector.Output out = coupling.forward(x);
            Jacobians jacobian = new Jacobians(t, x, SHAPE, out.y());
            t.perturbParameters(0.3f);
            float[] point = TestGraph.uniform(1, SHAPE, 0f, 1f, 5);
            float[] y = t.run(x, point, SHAPE, out.y()).get(0);
            double[][] j = jacobian.matrix(point);
            int d = SHAPE.dims();
            int changedValues = 0;
            for (int i = 0; i < d; i++) {
                int[] at = position(i);
                if (!changed.contains(at[0], at[1], at[2])) {
                    assertEquals(point[i], y[i], 0f, "value " + i + " is outside the changed region and stays");
                    continue;
                }
                changedValues++;
                assertTrue(Math.abs(y[i] - point[i]) > 1e-6, "value " + i + " is in the changed region and changes");
                double fromConditioner = 0;
                for (int k = 0; k < d; k++) {
                    int[] src = position(k);
                    boolean allowed = k == i || conditioning.contains(src[0], src[1], src[2]);
                    if (!allowed) assertEquals(0, j[i][k], 0, "dy_" + i + "/dx_" + k + ": the change may not depend on x_" + k);
                    else if (k != i) fromConditioner += Math.abs(j[i][k]);
                }
                assertTrue(fromConditioner > 0, "the change of value " + i + " depends on the conditioning values");
            }
            assertTrue(changedValues > 0, "the coupling changes something");
        }
    }

    private static int[] position(int flat) {
        int ch = flat % SHAPE.channels();
        int pixel = flat / SHAPE.channels();
        return new int[] {pixel / SHAPE.width(), pixel % SHAPE.width(), ch};
    }
}
