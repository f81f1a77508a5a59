package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Glow's invertible 1x1 convolution, LU-parametrised: at every pixel y = W x with
 * <pre>
 *   W = P L (U + diag(sign(s) exp(log|s|))),   log |det J| = H W sum_c log|s_c|
 * </pre>
 * P a fixed permutation, L unit lower triangular, U strictly upper triangular. The
 * determinant costs O(C) and needs no matrix-determinant gradient (TensorFlow Java 1.1.0 has
 * none). Starts as a random rotation.
 */
public final class LuInvertibleConv implements ChannelLinear {
    private final Ops tf;
    private final long channels;
    private final float pixels;
    private final Operand<TFloat32> weight;
    private final Variable<TFloat32> logAbsS;

    /** @param seed the seed of the initial rotation */
    public LuInvertibleConv(Ops tf, Parameters parameters, ImageShape shape, long seed) {
        this.tf = tf;
        int c = shape.channels();
        this.channels = c;
        this.pixels = (float) shape.height() * shape.width();
        LuFactors lu = LuFactors.of(RandomRotation.of(c, seed));
        double[] sign = new double[c];
        double[] logAbs = new double[c];
        for (int i = 0; i < c; i++) {
            double s = lu.upper()[i][i];
            sign[i] = Math.signum(s);
            logAbs[i] = Math.log(Math.abs(s));
        }
        Operand<TFloat32> strictlyLower = Matrices.constant(tf, Matrices.pattern(c, (i, j) -> j < i));
        Operand<TFloat32> strictlyUpper = Matrices.constant(tf, Matrices.pattern(c, (i, j) -> j > i));
        Operand<TFloat32> identity = Matrices.constant(tf, Matrices.pattern(c, (i, j) -> i.equals(j)));
        Variable<TFloat32> lower = parameters.create(tf, "lower", Matrices.constant(tf, lu.lower()));
        Variable<TFloat32> upper = parameters.create(tf, "upper", Matrices.constant(tf, lu.upper()));
        this.logAbsS = parameters.create(tf, "log_abs_s", Matrices.constant(tf, new double[][] {logAbs}));
        Operand<TFloat32> s = tf.math.mul(Matrices.constant(tf, new double[][] {sign}), tf.math.exp(logAbsS));
        Operand<TFloat32> l = tf.math.add(tf.math.mul(lower, strictlyLower), identity);
        // identity * s (s a row) is diag(s): column j scaled by s_j, and only the diagonal is non-zero.
        Operand<TFloat32> u = tf.math.add(tf.math.mul(upper, strictlyUpper), tf.math.mul(identity, s));
        this.weight = tf.linalg.matMul(Matrices.constant(tf, lu.permutation()), tf.linalg.matMul(l, u));
    }

    @Override
    public Operand<TFloat32> channelMatrix() {
        return weight;
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        Operand<TFloat32> logDet = tf.math.mul(tf.constant(pixels), tf.sum(logAbsS, tf.constant(new int[] {0, 1})));
        return new Output(Matrices.applyPerPixel(tf, weight, x, channels), ExampleOps.repeat(tf, logDet, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        // Sampling and reconstruction need no gradient, so the plain matrix inverse will do.
        return Matrices.applyPerPixel(tf, tf.linalg.inv(weight), y, channels);
    }
}
