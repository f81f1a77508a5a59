package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The invertible 1x1 convolution with a free weight matrix: at every pixel y = W x,
 * {@code log |det J| = H W log |det W|}, an O(C^3) determinant per step.
 *
 * <p>TensorFlow Java 1.1.0 has no gradient for any determinant op, so the log-determinant is
 * written as a value plus a first-order surrogate with the right gradient,
 * d log|det W| / dW = W^-T:
 * <pre>
 *   stop(log|det W|) + sum(W * stop(W^-T)) - stop(sum(W * W^-T))
 * </pre>
 * whose value is log|det W| and whose gradient is W^-T.
 */
public final class PlainInvertibleConv implements ChannelLinear {
    private final Ops tf;
    private final long channels;
    private final float pixels;
    private final Variable<TFloat32> weight;

    /** @param seed the seed of the initial rotation */
    public PlainInvertibleConv(Ops tf, Parameters parameters, ImageShape shape, long seed) {
        this.tf = tf;
        this.channels = shape.channels();
        this.pixels = (float) shape.height() * shape.width();
        this.weight = parameters.create(tf, "weight", Matrices.constant(tf, RandomRotation.of(shape.channels(), seed)));
    }

    @Override
    public Operand<TFloat32> channelMatrix() {
        return weight;
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        Operand<TInt32> both = tf.constant(new int[] {0, 1});
        Operand<TFloat32> value = tf.linalg.logMatrixDeterminant(weight).logAbsDeterminant();
        Operand<TFloat32> inverseTransposed = tf.linalg.transpose(tf.linalg.inv(weight), tf.constant(new int[] {1, 0}));
        Operand<TFloat32> linear = tf.sum(tf.math.mul(weight, tf.stopGradient(inverseTransposed)), both);
        Operand<TFloat32> logAbsDet = tf.math.add(tf.stopGradient(value), tf.math.sub(linear, tf.stopGradient(linear)));
        Operand<TFloat32> logDet = tf.math.mul(tf.constant(pixels), logAbsDet);
        return new Output(Matrices.applyPerPixel(tf, weight, x, channels), ExampleOps.repeat(tf, logDet, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        return Matrices.applyPerPixel(tf, tf.linalg.inv(weight), y, channels);
    }
}
