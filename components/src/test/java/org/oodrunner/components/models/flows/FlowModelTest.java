package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.oodrunner.components.models.flows.bijectors.DataInit;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Whole flows on tiny images, with their data-dependent initialisation run and every parameter
 * then moved off its initial value: decode(encode(x)) = x, and the volume term equals
 * log |det dz/dx| of the full Jacobian, z being every factored-out part and the top.
 */
class FlowModelTest {
    static List<ModelCases.Case> cases() {
        return ModelCases.all();
    }

    /** A flow built on a test graph, with z as one [batch, D] tensor. */
    private record Built(GraphContext g, MultiScaleFlow.Encoding encoding, Operand<TFloat32> z, Operand<TFloat32> decoded) {}

    private static Built build(TestGraph t, ModelCases.Case c) {
        GraphContext g = t.context(c.shape());
        Ops tf = t.tf.withSubScope(c.model().scopeName());
        MultiScaleFlow flow = c.model().flow(g, tf);
        MultiScaleFlow.Encoding enc = flow.encode(g.images());
        List<Operand<TFloat32>> flat = new ArrayList<>();
        for (Operand<TFloat32> part : enc.latents()) flat.add(tf.reshape(part, tf.constant(new long[] {-1, dims(tf, part)})));
        Operand<TFloat32> z = flat.size() == 1 ? flat.get(0) : tf.concat(flat, tf.constant(1));
        DataInit init = new DataInit();
        flow.initialize(g.images(), init);
        t.perturbParameters(0.05f);
        float[] batch = TestGraph.uniform(8, c.shape(), 0f, 1f, 21);
        init.asOp(tf).ifPresent(op -> t.runTarget(op, g.feed(), batch, c.shape()));
        return new Built(g, enc, z, flow.decode(enc.latents()));
    }

    private static long dims(Ops tf, Operand<TFloat32> part) {
        long d = 1;
        for (int i = 1; i < part.shape().numDimensions(); i++) d *= part.shape().get(i);
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodeUndoesEncode(ModelCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            Built b = build(t, c);
            ImageShape shape = c.shape();
            float[] x = TestGraph.uniform(4, shape, 0f, 1f, 3);
            List<float[]> out = t.run(b.g().feed(), x, shape, b.z(), b.decoded());
            assertEquals(x.length, out.get(0).length, "z has as many values as x");
            for (int i = 0; i < x.length; i++) assertEquals(x[i], out.get(1)[i], 1e-4, "value " + i + " after encode, decode");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void volumeTermIsTheLogOfTheJacobianDeterminant(ModelCases.Case c) {
        try (TestGraph t = new TestGraph()) {
            Built b = build(t, c);
            Jacobians jacobian = new Jacobians(t, b.g().feed(), c.shape(), b.z());
            for (long seed = 4; seed <= 5; seed++) {
                float[] point = TestGraph.uniform(1, c.shape(), 0f, 1f, seed);
                double reported = t.run(b.g().feed(), point, c.shape(), b.encoding().logDet()).get(0)[0];
                double expected = jacobian.logAbsDet(point);
                assertTrue(Math.abs(expected) > 1e-2, "the test point has a non-trivial volume change: " + expected);
                Jacobians.assertClose(expected, reported, c.name() + " at point " + seed);
            }
        }
    }
}
