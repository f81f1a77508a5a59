package org.oodrunner.components.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * log softmax over the last axis of a tensor of any rank. TensorFlow Java builds the
 * gradient of its LogSoftmax op with the C++ gradient, which sums over axis 1 as if the
 * logits were always [batch, classes]: on a rank-5 tensor the forward value is right but the
 * gradient mixes rows of the image. So the op only ever sees a 2-D view here.
 */
public final class LogSoftmax {
    private LogSoftmax() {}

    public static Operand<TFloat32> lastAxis(Ops tf, Operand<TFloat32> logits) {
        long classes = logits.shape().get(logits.shape().numDimensions() - 1);
        if (classes < 1) throw new IllegalArgumentException("the last axis of the logits must have a static size");
        Operand<TFloat32> flat = tf.reshape(logits, tf.constant(new long[] {-1, classes}));
        return tf.reshape(tf.nn.logSoftmax(flat), tf.shape(logits));
    }
}
