package org.oodrunner.components.models.flows.latent;

import java.util.List;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The prior of the last (top) latent: the standard normal, or with a learned mean and log
 * standard deviation per channel ("learn top", Glow), both starting at 0.
 */
public final class GaussianPrior {
    private final Ops tf;
    private final ImageShape shape;
    private final Operand<TFloat32> mean;
    private final Operand<TFloat32> logStd;

    public GaussianPrior(Ops tf, Parameters parameters, Initializers init, ImageShape shape, boolean learned) {
        this.tf = tf;
        this.shape = shape;
        if (learned) {
            this.mean = parameters.create(tf, "mean", init.zeros(shape.channels()));
            this.logStd = parameters.create(tf, "log_std", init.zeros(shape.channels()));
        } else {
            this.mean = null;
            this.logStd = null;
        }
    }

    /** log p(z) per example ([batch]). */
    public Operand<TFloat32> logProb(Operand<TFloat32> z) {
        return mean == null ? DiagonalGaussian.standardLogProb(tf, z) : DiagonalGaussian.logProb(tf, z, mean, logStd);
    }

    /** {@code count} draws at the given temperature, [count, H, W, C]. */
    public Operand<TFloat32> sample(Operand<TInt32> count, Operand<TFloat32> temperature, long seed) {
        Operand<TInt32> dims = tf.concat(List.of(tf.reshape(count, tf.constant(new int[] {1})),
                tf.constant(new int[] {shape.height(), shape.width(), shape.channels()})), tf.constant(0));
        if (mean == null) return tf.math.mul(DiagonalGaussian.noise(tf, dims, seed), temperature);
        return DiagonalGaussian.sample(tf, dims, mean, logStd, temperature, seed);
    }
}
