package org.oodrunner.components.models.flows;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.DataInit;
import org.oodrunner.components.models.flows.latent.FactorOut;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A multi-scale normalizing flow (RealNVP, Glow): levels of bijectors, after each but the last
 * half the channels are factored out, and the rest meets a Gaussian prior at the top. With
 * z = (z_1, ..., z_L) every factored part plus the top,
 * <pre>
 *   log p(x) = log p_z(z) + log |det dz/dx|
 *   log p_z(z) = sum_l log p(z_l | kept_l) + log p_top(z_L)      (the latent term)
 *   log |det dz/dx| = sum over every bijector of its log |det J|  (the volume term)
 * </pre>
 */
public final class MultiScaleFlow {
    /** The bijectors of one level and, except at the top, the factor-out that ends it. */
    public record Level(Bijector steps, FactorOut factorOut) {}

    /**
     * f(x) in parts.
     *
     * @param latents the factored parts in level order, then the top
     * @param latentLogProb log p_z(z) per example
     * @param logDet log |det dz/dx| per example
     */
    public record Encoding(List<Operand<TFloat32>> latents, Operand<TFloat32> latentLogProb, Operand<TFloat32> logDet) {}

    private final Ops tf;
    private final List<Level> levels;
    private final GaussianPrior top;

    public MultiScaleFlow(Ops tf, List<Level> levels, GaussianPrior top) {
        for (int i = 0; i < levels.size(); i++) {
            boolean last = i == levels.size() - 1;
            if (last != (levels.get(i).factorOut() == null)) {
                throw new IllegalArgumentException("every level but the last ends with a factor-out");
            }
        }
        this.tf = tf;
        this.levels = List.copyOf(levels);
        this.top = top;
    }

    public Encoding encode(Operand<TFloat32> x) {
        List<Operand<TFloat32>> latents = new ArrayList<>();
        List<Operand<TFloat32>> logProbs = new ArrayList<>();
        List<Operand<TFloat32>> logDets = new ArrayList<>();
        for (Level level : levels) {
            Bijector.Output out = level.steps().forward(x);
            logDets.add(out.logDet());
            x = out.y();
            if (level.factorOut() != null) {
                FactorOut.Parts parts = level.factorOut().split(x);
                logProbs.add(level.factorOut().logProb(parts));
                latents.add(parts.factored());
                x = parts.kept();
            }
        }
        latents.add(x);
        logProbs.add(top.logProb(x));
        return new Encoding(latents, sum(logProbs), sum(logDets));
    }

    /** x = f^-1(z) from the parts {@link #encode} produced. */
    public Operand<TFloat32> decode(List<Operand<TFloat32>> latents) {
        if (latents.size() != levels.size()) {
            throw new IllegalArgumentException(levels.size() + " latent parts expected, got " + latents.size());
        }
        Operand<TFloat32> x = latents.get(latents.size() - 1);
        for (int i = levels.size() - 1; i >= 0; i--) {
            Level level = levels.get(i);
            if (level.factorOut() != null) x = level.factorOut().merge(x, latents.get(i));
            x = level.steps().inverse(x);
        }
        return x;
    }

    /**
     * {@code count} samples at a temperature: the top from its prior, each factored part from its
     * conditional prior given what is above it, mapped back through the inverse bijectors.
     */
    public Operand<TFloat32> sample(Operand<TInt32> count, Operand<TFloat32> temperature, OpSeeds seeds) {
        Operand<TFloat32> x = top.sample(count, temperature, seeds.next());
        for (int i = levels.size() - 1; i >= 0; i--) {
            Level level = levels.get(i);
            if (level.factorOut() != null) {
                x = level.factorOut().merge(x, level.factorOut().sample(x, temperature, seeds.next()));
            }
            x = level.steps().inverse(x);
        }
        return x;
    }

    /** The data-dependent initialisation pass over every level (see {@link Bijector#initialize}). */
    public void initialize(Operand<TFloat32> x, DataInit init) {
        for (Level level : levels) {
            x = level.steps().initialize(x, init).y();
            if (level.factorOut() != null) x = level.factorOut().split(x).kept();
        }
    }

    private Operand<TFloat32> sum(List<Operand<TFloat32>> terms) {
        return terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
    }
}
