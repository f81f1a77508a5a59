package org.oodrunner.components.models.discrete;

import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A distribution over the integer levels 0 .. L-1 of one sub-pixel, given a vector of
 * parameters that a network predicts for it. Models hold parameters as [batch, H, W, C, P],
 * levels as [batch, H, W, C] float integers.
 */
public interface PixelDistribution {
    /** P, the number of parameters per sub-pixel. */
    int paramsPerValue();

    /** log P(level) in nats for every sub-pixel: [batch, H, W, C]. Built from ops with gradients. */
    Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> params, Operand<TFloat32> levels);

    /**
     * One level drawn for every sub-pixel, [batch, H, W, C] float integers. Temperature 1 draws
     * from the distribution itself; lower values sharpen it (what each distribution scales is
     * said in its documentation).
     */
    Operand<TFloat32> sample(Ops tf, Operand<TFloat32> params, Operand<TFloat32> temperature, OpSeeds seeds);

    /** Uniform noise in (eps, 1 - eps) of the given shape, seeded. */
    static Operand<TFloat32> openUniform(Ops tf, Operand<TInt32> shape, OpSeeds seeds) {
        long s = seeds.next();
        Operand<TFloat32> u = tf.random.randomUniform(shape, TFloat32.class,
                RandomUniform.seed(s), RandomUniform.seed2(s >>> 7 | 1));
        return tf.clipByValue(u, tf.constant(1e-6f), tf.constant(1f - 1e-6f));
    }

    /** Gumbel(0, 1) noise of the given shape, for drawing from logits with argmax. */
    static Operand<TFloat32> gumbel(Ops tf, Operand<TInt32> shape, OpSeeds seeds) {
        return tf.math.neg(tf.math.log(tf.math.neg(tf.math.log(openUniform(tf, shape, seeds)))));
    }
}
