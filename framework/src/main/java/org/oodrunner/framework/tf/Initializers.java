package org.oodrunner.framework.tf;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;

/** Seeded initial values for variables. */
public final class Initializers {
    private final Ops tf;
    private final OpSeeds seeds;

    public Initializers(Ops tf, OpSeeds seeds) {
        this.tf = tf;
        this.seeds = seeds;
    }

    public Operand<TFloat32> zeros(long... shape) {
        return tf.fill(tf.constant(shape), tf.constant(0f));
    }

    public Operand<TFloat32> constant(float value, long... shape) {
        return tf.fill(tf.constant(shape), tf.constant(value));
    }

    public Operand<TFloat32> normal(float stddev, long... shape) {
        long s = seeds.next();
        Operand<TFloat32> z = tf.random.randomStandardNormal(tf.constant(shape), TFloat32.class,
                RandomStandardNormal.seed(s), RandomStandardNormal.seed2(s >>> 7 | 1));
        return tf.math.mul(z, tf.constant(stddev));
    }

    public Operand<TFloat32> uniform(float low, float high, long... shape) {
        long s = seeds.next();
        Operand<TFloat32> u = tf.random.randomUniform(tf.constant(shape), TFloat32.class,
                RandomUniform.seed(s), RandomUniform.seed2(s >>> 7 | 1));
        return tf.math.add(tf.math.mul(u, tf.constant(high - low)), tf.constant(low));
    }

    /** Glorot/Xavier uniform for a weight of the given shape, fan-in and fan-out. */
    public Operand<TFloat32> glorotUniform(long fanIn, long fanOut, long... shape) {
        float limit = (float) Math.sqrt(6.0 / (fanIn + fanOut));
        return uniform(-limit, limit, shape);
    }

    public static Shape shape(long... dims) {
        return Shape.of(dims);
    }
}
