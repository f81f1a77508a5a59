package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Activation normalisation (Glow): a per-channel affine map
 * <pre>
 *   y = (x + b) * exp(s),   log |det J| = H W sum_c s_c
 * </pre>
 * whose b and s are first set from data, so that the initialisation batch comes out with zero
 * mean and standard deviation {@code scale} per channel; afterwards they are ordinary parameters.
 */
public final class ActNorm implements ChannelLinear {
    /** Keeps a constant channel (an all-black border) from dividing by zero. */
    private static final float EPSILON = 1e-6f;
    private static final int[] ALL_BUT_CHANNELS = {0, 1, 2};

    private final Ops tf;
    private final Variable<TFloat32> bias;
    private final Variable<TFloat32> logScale;
    private final int channels;
    private final float pixels;
    private final float scale;

    /**
     * @param shape the shape of one input
     * @param scale the standard deviation of the outputs after initialisation (1 in Glow)
     */
    public ActNorm(Ops tf, Parameters parameters, Initializers init, ImageShape shape, float scale) {
        this.tf = tf;
        this.bias = parameters.create(tf, "bias", init.zeros(shape.channels()));
        this.logScale = parameters.create(tf, "log_scale", init.zeros(shape.channels()));
        this.channels = shape.channels();
        this.pixels = (float) shape.height() * shape.width();
        this.scale = scale;
    }

    /** diag(exp(log_scale)): y = s * (x + b) per channel. */
    @Override
    public Operand<TFloat32> channelMatrix() {
        Operand<TFloat32> identity = Matrices.constant(tf, Matrices.pattern(channels, (i, j) -> i.equals(j)));
        return tf.math.mul(identity, tf.reshape(tf.math.exp(logScale), tf.constant(new long[] {1, channels})));
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        Operand<TFloat32> y = tf.math.mul(tf.math.add(x, bias), tf.math.exp(logScale));
        return new Output(y, logDet(logScale, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        return tf.math.sub(tf.math.mul(y, tf.math.exp(tf.math.neg(logScale))), bias);
    }

    /** b = -mean(x), s = log(scale / std(x)), per channel over the batch and every pixel. */
    @Override
    public Output initialize(Operand<TFloat32> x, DataInit init) {
        Operand<TFloat32> mean = tf.math.mean(x, tf.constant(ALL_BUT_CHANNELS));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> std = tf.math.sqrt(tf.math.mean(tf.math.square(centred), tf.constant(ALL_BUT_CHANNELS)));
        Operand<TFloat32> s = tf.math.log(tf.math.div(tf.constant(scale), tf.math.add(std, tf.constant(EPSILON))));
        init.add(tf.assign(bias, tf.math.neg(mean)));
        init.add(tf.assign(logScale, s));
        return new Output(tf.math.mul(centred, tf.math.exp(s)), logDet(s, x));
    }

    private Operand<TFloat32> logDet(Operand<TFloat32> s, Operand<TFloat32> x) {
        Operand<TFloat32> perImage = tf.math.mul(tf.constant(pixels), tf.sum(s, tf.constant(0)));
        return ExampleOps.repeat(tf, perImage, x);
    }
}
