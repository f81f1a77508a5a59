package org.oodrunner.components.models.flows.latent;

import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.WeightInit;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * Factoring out (multi-scale flows): half the channels leave the flow as part of the latent z,
 * the other half go on to the next level. The factored half has the prior
 * {@code p(z_out | z_kept) = N(mean(z_kept), exp(logStd(z_kept))^2)} from a zero-initialised
 * 3x3 convolution (Glow's learned conditional prior), or the standard normal (RealNVP).
 * Splitting is a permutation of the values, so it adds nothing to log |det J|.
 */
public final class FactorOut {
    private final Ops tf;
    private final ImageShape kept;
    private final Conv2d prior;

    /** A pair (kept half, factored half), each [batch, H, W, C/2]. */
    public record Parts(Operand<TFloat32> kept, Operand<TFloat32> factored) {}

    /** @param conditional true: learned conditional prior; false: standard normal */
    public FactorOut(Ops tf, Parameters parameters, Initializers init, ImageShape input, boolean conditional) {
        if (input.channels() % 2 != 0) {
            throw new IllegalArgumentException("cannot factor out half of " + input.channels() + " channels");
        }
        this.tf = tf;
        this.kept = new ImageShape(input.height(), input.width(), input.channels() / 2);
        this.prior = conditional ? Conv2d.same(tf.withSubScope("prior"), parameters, init, 3, kept.channels(),
                2L * kept.channels(), WeightInit.ZEROS) : null;
    }

    /** The shape of the half that goes on. */
    public ImageShape keptShape() {
        return kept;
    }

    public Parts split(Operand<TFloat32> x) {
        Split<TFloat32> halves = tf.split(tf.constant(3), x, 2L);
        return new Parts(halves.output().get(0), halves.output().get(1));
    }

    public Operand<TFloat32> merge(Operand<TFloat32> kept, Operand<TFloat32> factored) {
        return tf.concat(List.of(kept, factored), tf.constant(3));
    }

    /** log p(factored | kept) per example ([batch]). */
    public Operand<TFloat32> logProb(Parts parts) {
        if (prior == null) return DiagonalGaussian.standardLogProb(tf, parts.factored());
        Split<TFloat32> meanStd = tf.split(tf.constant(3), prior.apply(parts.kept()), 2L);
        return DiagonalGaussian.logProb(tf, parts.factored(), meanStd.output().get(0), meanStd.output().get(1));
    }

    /** A draw of the factored half given the kept half, at the given temperature. */
    public Operand<TFloat32> sample(Operand<TFloat32> keptHalf, Operand<TFloat32> temperature, long seed) {
        if (prior == null) return tf.math.mul(DiagonalGaussian.noise(tf, tf.shape(keptHalf), seed), temperature);
        Split<TFloat32> meanStd = tf.split(tf.constant(3), prior.apply(keptHalf), 2L);
        return DiagonalGaussian.sample(tf, tf.shape(keptHalf), meanStd.output().get(0), meanStd.output().get(1),
                temperature, seed);
    }
}
