package org.oodrunner.components.models.discrete;

import org.oodrunner.components.nn.LogSoftmax;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An L-way softmax over the levels of each sub-pixel (the output of the original PixelCNN):
 * P = L logits. log P(level) is the log-softmax picked by a one-hot of the level, the float32
 * softmax cross-entropy that TensorFlow Java can differentiate (its sparse variant has no
 * gradient). Temperature divides the logits.
 */
public final class Categorical implements PixelDistribution {
    private final int levels;

    public Categorical(int levels) {
        if (levels < 2) throw new IllegalArgumentException("a categorical needs at least 2 levels");
        this.levels = levels;
    }

    @Override
    public int paramsPerValue() {
        return levels;
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> params, Operand<TFloat32> level) {
        Operand<TFloat32> logSoftmax = LogSoftmax.lastAxis(tf, params);
        Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(level, TInt32.class), tf.constant(levels), tf.constant(1f),
                tf.constant(0f));
        return tf.sum(tf.math.mul(logSoftmax, oneHot), tf.constant(-1));
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> params, Operand<TFloat32> temperature, OpSeeds seeds) {
        // Gumbel-max: argmax(logits / T + G) is distributed as softmax(logits / T).
        Operand<TFloat32> perturbed = tf.math.add(tf.math.div(params, temperature),
                PixelDistribution.gumbel(tf, tf.shape(params), seeds));
        return tf.dtypes.cast(tf.math.argMax(perturbed, tf.constant(-1)), TFloat32.class);
    }
}
