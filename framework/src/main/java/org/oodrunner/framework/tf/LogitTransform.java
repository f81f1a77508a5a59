package org.oodrunner.framework.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * RealNVP's logit preprocessing: {@code p = alpha + (1 - 2 alpha) x}, {@code y = log p - log(1 - p)}.
 * Elementwise, so the Jacobian is diagonal with entries {@code (1 - 2 alpha) / (p (1 - p))}:
 * <pre>
 *   log |det dy/dx| = sum_d [ log(1 - 2 alpha) - log p_d - log(1 - p_d) ]
 * </pre>
 * {@code alpha > 0} keeps y finite when x reaches 0 (uniform dequantisation of level 0).
 */
public record LogitTransform(double alpha) implements InputTransform {
    public LogitTransform {
        if (!(alpha > 0 && alpha < 0.5)) throw new IllegalArgumentException("logit alpha must be in (0, 0.5), not " + alpha);
    }

    @Override
    public Result forward(Ops tf, Operand<TFloat32> images) {
        Operand<TFloat32> p = tf.math.add(tf.constant((float) alpha), tf.math.mul(tf.constant((float) (1 - 2 * alpha)), images));
        Operand<TFloat32> logP = tf.math.log(p);
        Operand<TFloat32> log1mP = tf.math.log1p(tf.math.neg(p));
        Operand<TFloat32> y = tf.withName("logit").math.sub(logP, log1mP);
        Operand<TFloat32> perValue = tf.math.sub(tf.constant((float) Math.log(1 - 2 * alpha)), tf.math.add(logP, log1mP));
        Operand<TFloat32> logDet = tf.withName("log_det_jacobian").sum(perValue, tf.constant(new int[] {1, 2, 3}));
        return new Result(y, logDet);
    }

    @Override
    public Operand<TFloat32> inverse(Ops tf, Operand<TFloat32> modelInput) {
        return tf.math.div(tf.math.sub(tf.math.sigmoid(modelInput), tf.constant((float) alpha)),
                tf.constant((float) (1 - 2 * alpha)));
    }
}
