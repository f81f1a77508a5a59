package org.oodrunner.components.models.discrete;

import java.util.List;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;

/**
 * A Bernoulli per sub-pixel over binary levels {0, 1}: P = 1 logit. Defined for 2 levels only
 * (data.preprocess.bits 1): on more levels a Bernoulli is not a distribution over the data, and
 * bits/dim computed from it would mean nothing. Temperature divides the logit.
 */
public final class Bernoulli implements PixelDistribution {
    @Override
    public int paramsPerValue() {
        return 1;
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> params, Operand<TFloat32> level) {
        Operand<TFloat32> logit = tf.squeeze(params, Squeeze.axis(List.of(-1L)));
        // log sigma(l) = -softplus(-l), log(1 - sigma(l)) = -softplus(l)
        Operand<TFloat32> logOne = tf.math.neg(tf.math.softplus(tf.math.neg(logit)));
        Operand<TFloat32> logZero = tf.math.neg(tf.math.softplus(logit));
        return tf.math.add(tf.math.mul(level, logOne), tf.math.mul(tf.math.sub(tf.constant(1f), level), logZero));
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> params, Operand<TFloat32> temperature, OpSeeds seeds) {
        Operand<TFloat32> logit = tf.squeeze(params, Squeeze.axis(List.of(-1L)));
        Operand<TFloat32> p = tf.math.sigmoid(tf.math.div(logit, temperature));
        Operand<TFloat32> u = PixelDistribution.openUniform(tf, tf.shape(logit), seeds);
        return tf.dtypes.cast(tf.math.less(u, p), TFloat32.class);
    }
}
