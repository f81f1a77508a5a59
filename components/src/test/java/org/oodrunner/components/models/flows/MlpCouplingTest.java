package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.AffineCoupling;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.Permutation;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.masks.ChannelMask;
import org.oodrunner.components.models.flows.stnets.Mlp;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * MLP couplings on vectors [1, 1, D] (flows on a classifier's features): the inverse undoes the
 * forward map, and the reported log-determinant equals log |det J| of a Jacobian measured by
 * central finite differences of the forward map (not by TensorFlow's gradients).
 */
class MlpCouplingTest {
    private static final ImageShape VECTOR = new ImageShape(1, 1, 8);

    /** An MLP affine coupling changing one half of the vector given the other. */
    private static Bijector coupling(TestGraph t, String scope, boolean changeFirstHalf, ScaleFunction scale) {
        var tf = t.tf.withSubScope(scope);
        ChannelMask mask = new ChannelMask(tf, VECTOR.channels(), changeFirstHalf);
        Mlp net = new Mlp(tf.withSubScope("net"), t.parameters, t.init, new ImageShape(1, 1, 4), 16, 1, 8);
        return new AffineCoupling(tf, mask, net, scale.create(tf, t.parameters, t.init, 4));
    }

    private static List<Function<TestGraph, Bijector>> cases() {
        return List.of(
                t -> coupling(t, "c", true, ScaleFunction.TANH),
                t -> coupling(t, "c", false, ScaleFunction.SIGMOID),
                // One mlp_flow step of each mixing: actnorm, mixing, coupling.
                t -> new Chain(t.tf, List.of(new ActNorm(t.tf.withSubScope("a"), t.parameters, t.init, VECTOR, 1f),
                        new LuInvertibleConv(t.tf.withSubScope("w"), t.parameters, VECTOR, 7),
                        coupling(t, "c", false, ScaleFunction.SIGMOID))),
                t -> new Chain(t.tf, List.of(Permutation.random(t.tf, 8, 3), coupling(t, "c1", true, ScaleFunction.TANH),
                        Permutation.reverse(t.tf, 8), coupling(t, "c2", false, ScaleFunction.TANH))));
    }

    @Test
    void inverseUndoesForwardAndLogDetMatchesAFiniteDifferenceJacobian() {
        int k = 0;
        for (Function<TestGraph, Bijector> make : cases()) {
            k++;
            try (TestGraph t = new TestGraph()) {
                Bijector b = make.apply(t);
                Placeholder<TFloat32> x = t.input(VECTOR);
                Bijector.Output out = b.forward(x);
                Operand<TFloat32> back = b.inverse(out.y());
                // Away from the identity the zero-initialised last layers start at.
                t.perturbParameters(0.3f);
                float[] points = TestGraph.uniform(3, VECTOR, -2f, 2f, 11 + k);
                List<float[]> v = t.run(x, points, VECTOR, out.y(), back, out.logDet());
                for (int i = 0; i < points.length; i++) {
                    assertEquals(points[i], v.get(1)[i], 1e-4, "case " + k + ": value " + i + " after forward then inverse");
                }
                boolean moved = false;
                for (int i = 0; i < points.length; i++) moved |= Math.abs(points[i] - v.get(0)[i]) > 1e-3;
                assertTrue(moved, "case " + k + ": the map is not the identity");
                for (int e = 0; e < 3; e++) {
                    float[] point = java.util.Arrays.copyOfRange(points, e * 8, (e + 1) * 8);
                    double numeric = Jacobians.logAbsDet(finiteDifferences(t, x, out.y(), point));
                    double reported = v.get(2)[e];
                    assertEquals(numeric, reported, 2e-3 * Math.max(1, Math.abs(numeric)),
                            "case " + k + ", example " + e + ": log|det J|");
                }
            }
        }
    }

    /** dy/dx at {@code point} by central differences: every +-h perturbation fed as one batch. */
    private static double[][] finiteDifferences(TestGraph t, Placeholder<TFloat32> x, Operand<TFloat32> y, float[] point) {
        int d = point.length;
        float h = 1e-2f;
        float[] batch = new float[2 * d * d];
        float[] step = new float[d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(point, 0, batch, (2 * j) * d, d);
            System.arraycopy(point, 0, batch, (2 * j + 1) * d, d);
            float plus = point[j] + h;
            float minus = point[j] - h;
            batch[(2 * j) * d + j] = plus;
            batch[(2 * j + 1) * d + j] = minus;
            step[j] = plus - minus; // the float32 difference actually taken
        }
        float[] out = t.run(x, batch, VECTOR, y).get(0);
        double[][] m = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < d; i++) m[i][j] = ((double) out[(2 * j) * d + i] - out[(2 * j + 1) * d + i]) / step[j];
        }
        return m;
    }
}
