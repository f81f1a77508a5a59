package org.oodrunner.framework.tf;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Per-channel normalisation {@code y = (x - mean_c) / std_c}. The Jacobian is diagonal and
 * the same for every example: {@code log |det dy/dx| = -H W sum_c log std_c}.
 */
public record NormalizeTransform(double[] mean, double[] std) implements InputTransform {
    public NormalizeTransform {
        if (mean.length != std.length) throw new IllegalArgumentException(mean.length + " means but " + std.length + " stds");
        for (double s : std) {
            if (!(s > 0)) throw new IllegalArgumentException("standard deviations must be positive: " + Arrays.toString(std));
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public Result forward(Ops tf, Operand<TFloat32> images) {
        long h = images.shape().get(1);
        long w = images.shape().get(2);
        double sumLogStd = 0;
        for (double s : std) sumLogStd += Math.log(s);
        Operand<TFloat32> y = tf.withName("normalized").math.div(tf.math.sub(images, channels(tf, mean)), channels(tf, std));
        Operand<TInt32> batch = tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TFloat32> logDet = tf.withName("log_det_jacobian").fill(batch, tf.constant((float) (-h * w * sumLogStd)));
        return new Result(y, logDet);
    }

    @Override
    public Operand<TFloat32> inverse(Ops tf, Operand<TFloat32> modelInput) {
        return tf.math.add(tf.math.mul(modelInput, channels(tf, std)), channels(tf, mean));
    }

    private static Operand<TFloat32> channels(Ops tf, double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return tf.constant(f);
    }
}
