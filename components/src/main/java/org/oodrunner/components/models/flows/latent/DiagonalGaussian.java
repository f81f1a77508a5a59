package org.oodrunner.components.models.flows.latent;

import org.oodrunner.components.models.flows.bijectors.ExampleOps;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A Gaussian with independent coordinates: N(mean, exp(logStd)^2) per value. */
final class DiagonalGaussian {
    private static final float LOG_2PI = (float) Math.log(2 * Math.PI);

    private DiagonalGaussian() {}

    /** Per example, {@code sum_i log N(z_i; mean_i, exp(logStd_i)^2)} ([batch]); mean and logStd broadcast to z. */
    static Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> z, Operand<TFloat32> mean, Operand<TFloat32> logStd) {
        Operand<TFloat32> scaled = tf.math.mul(tf.math.sub(z, mean), tf.math.exp(tf.math.neg(logStd)));
        // -1/2 (log 2 pi + 2 log std + ((z - mean) / std)^2)
        Operand<TFloat32> perValue = tf.math.mul(tf.constant(-0.5f), tf.math.add(tf.math.add(tf.constant(LOG_2PI),
                tf.math.mul(tf.constant(2f), logStd)), tf.math.square(scaled)));
        return ExampleOps.sum(tf, perValue);
    }

    /** The standard normal: {@code sum_i log N(z_i; 0, 1)}. */
    static Operand<TFloat32> standardLogProb(Ops tf, Operand<TFloat32> z) {
        Operand<TFloat32> perValue = tf.math.mul(tf.constant(-0.5f), tf.math.add(tf.constant(LOG_2PI), tf.math.square(z)));
        return ExampleOps.sum(tf, perValue);
    }

    /** mean + T exp(logStd) eps, eps ~ N(0, I) of the given shape: sampling at temperature T (Glow). */
    static Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Operand<TFloat32> mean, Operand<TFloat32> logStd,
            Operand<TFloat32> temperature, long seed) {
        Operand<TFloat32> eps = noise(tf, shape, seed);
        return tf.math.add(mean, tf.math.mul(tf.math.mul(tf.math.exp(logStd), temperature), eps));
    }

    static Operand<TFloat32> noise(Ops tf, Operand<TInt32> shape, long seed) {
        return tf.random.randomStandardNormal(shape, TFloat32.class, RandomStandardNormal.seed(seed),
                RandomStandardNormal.seed2(seed >>> 7 | 1));
    }
}
