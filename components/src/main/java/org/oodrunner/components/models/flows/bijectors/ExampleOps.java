package org.oodrunner.components.models.flows.bijectors;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Per-example reductions and broadcasts over [batch, H, W, C] tensors. */
public final class ExampleOps {
    private static final int[] IMAGE_AXES = {1, 2, 3};

    private ExampleOps() {}

    /** The sum over everything but the batch axis: [batch]. */
    public static Operand<TFloat32> sum(Ops tf, Operand<TFloat32> x) {
        return tf.sum(x, tf.constant(IMAGE_AXES));
    }

    /** A scalar repeated once per example of {@code like}'s batch: [batch]. */
    public static Operand<TFloat32> repeat(Ops tf, Operand<TFloat32> scalar, Operand<TFloat32> like) {
        return tf.broadcastTo(scalar, batchShape(tf, like));
    }

    /** Zero per example: the log-determinant of a volume-preserving layer. */
    public static Operand<TFloat32> zeros(Ops tf, Operand<TFloat32> like) {
        return repeat(tf, tf.constant(0f), like);
    }

    /** [batch] as a 1-D shape tensor. */
    public static Operand<TInt32> batchShape(Ops tf, Operand<TFloat32> x) {
        return tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    }
}
