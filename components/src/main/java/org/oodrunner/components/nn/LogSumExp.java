package org.oodrunner.components.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * log sum_i exp(x_i) along one axis, computed as m + log sum exp(x - m) with m the maximum so
 * that large values do not overflow. m is held constant for the gradient: the result does not
 * depend on it, and the maximum's own gradient would only add noise.
 */
public final class LogSumExp {
    private LogSumExp() {}

    /** Reduces {@code axis} (negative counts from the end) and drops it. */
    public static Operand<TFloat32> of(Ops tf, Operand<TFloat32> x, int axis) {
        Operand<TFloat32> max = tf.stopGradient(tf.reduceMax(x, tf.constant(axis), ReduceMax.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(x, max)), tf.constant(axis));
        return tf.math.add(tf.math.log(sum), tf.squeeze(max, Squeeze.axis(List.of((long) axis))));
    }
}
