package org.oodrunner.components.models.discrete;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A model of discrete pixels reading the framework's dequantised input. The fed images are
 * x = (level + u) / levels with u in [0,1) (uniform noise, or 0.5 for bin centres), so
 * level = floor(x * levels), clipped against rounding at the edges, recovers the integer level
 * exactly either way. The network sees the bin centre of that level, scaled to [-1,1], so its
 * output is a function of the levels alone and P(levels) is a proper distribution whatever
 * noise was added; the dequantisation noise never reaches it.
 *
 * @param levels the integer level of every value, as exact float integers, [batch, H, W, C]
 * @param centred the network's input: 2 * (level + 0.5) / levels - 1, [batch, H, W, C]. Its value
 *     is the bin centre but its gradient with respect to the fed images is 2 (a straight-through
 *     estimate), so input-gradient checks and scores see how the model responds to each value
 */
public record QuantisedInput(Operand<TFloat32> levels, Operand<TFloat32> centred) {

    public static QuantisedInput of(Ops tf, Operand<TFloat32> dequantised, int levelCount) {
        Operand<TFloat32> levels = tf.clipByValue(tf.math.floor(tf.math.mul(dequantised, tf.constant((float) levelCount))),
                tf.constant(0f), tf.constant(levelCount - 1f));
        Operand<TFloat32> centres = centresOf(tf, levels, levelCount);
        Operand<TFloat32> linear = tf.math.sub(tf.math.mul(dequantised, tf.constant(2f)), tf.constant(1f));
        Operand<TFloat32> straightThrough = tf.math.add(linear, tf.stopGradient(tf.math.sub(centres, linear)));
        return new QuantisedInput(levels, straightThrough);
    }

    /** The bin centres of integer levels in [-1,1]: 2 * (level + 0.5) / levels - 1. */
    public static Operand<TFloat32> centresOf(Ops tf, Operand<TFloat32> levels, int levelCount) {
        return tf.math.sub(tf.math.mul(tf.math.add(levels, tf.constant(0.5f)), tf.constant(2f / levelCount)), tf.constant(1f));
    }

    /** The bin centres of integer levels in [0,1], the framework's input scale: (level + 0.5) / levels. */
    public static Operand<TFloat32> unitCentresOf(Ops tf, Operand<TFloat32> levels, int levelCount) {
        return tf.math.mul(tf.math.add(levels, tf.constant(0.5f)), tf.constant(1f / levelCount));
    }
}
