package org.oodrunner.components.models.jem;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * max(x, leak x), leak in [0, 1]. Written with Maximum rather than TensorFlow's LeakyRelu op:
 * Grappler's remapper fuses convolution + bias + LeakyRelu and then fails on graphs that also
 * hold LeakyReluGrad of the same convolution (SGLD's input gradients), logging an error and
 * skipping its fusions for the whole graph.
 */
final class LeakyRelu {
    private LeakyRelu() {}

    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, float leak) {
        return tf.math.maximum(x, tf.math.mul(x, tf.constant(leak)));
    }
}
