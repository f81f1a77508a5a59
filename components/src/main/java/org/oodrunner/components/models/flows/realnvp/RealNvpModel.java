package org.oodrunner.components.models.flows.realnvp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.oodrunner.components.models.flows.FlowModel;
import org.oodrunner.components.models.flows.FlowShapes;
import org.oodrunner.components.models.flows.MultiScaleFlow;
import org.oodrunner.components.models.flows.bijectors.AffineCoupling;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.Squeeze;
import org.oodrunner.components.models.flows.latent.FactorOut;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.components.models.flows.masks.Mask;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.stnets.StNet;
import org.oodrunner.components.models.flows.stnets.StNets;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/**
 * RealNVP (Dinh et al. 2017): at every scale but the last, {@code couplings} affine couplings
 * with the spec's mask, a squeeze, {@code couplings} channel-wise couplings and a factor-out of
 * half the channels; {@code final_couplings} masked couplings at the last scale; a standard
 * normal top. Masks and s/t networks are the interchangeable parts of Kirichenko et al. 2020.
 */
public final class RealNvpModel implements FlowModel {
    private static final String NAME = "realnvp";

    private final RealNvpParams p;

    public RealNvpModel(RealNvpParams p) {
        this.p = p;
    }

    @Override
    public String scopeName() {
        return NAME;
    }

    @Override
    public MultiScaleFlow flow(GraphContext g, Ops tf) {
        int squeezes = (p.squeezeInput() ? 1 : 0) + p.scales() - 1;
        FlowShapes.requireSqueezable(NAME, g.shape(), squeezes, "scales: " + p.scales()
                + (p.squeezeInput() ? " with squeeze_input: true" : ""), "use fewer scales or squeeze_input: false");
        Parameters parameters = g.parameters();
        Initializers init = new Initializers(tf, g.seeds());
        ImageShape shape = g.shape();
        List<MultiScaleFlow.Level> levels = new ArrayList<>();
        for (int s = 0; s < p.scales(); s++) {
            Ops scale = tf.withSubScope("scale_" + s);
            int hidden = p.stNet().hiddenChannels() * (p.widenPerScale() ? 1 << s : 1);
            List<Bijector> layers = new ArrayList<>();
            if (s == 0 && p.squeezeInput()) {
                layers.add(new Squeeze(scale.withSubScope("squeeze_input")));
                shape = Squeeze.outputShape(shape);
            }
            requireMask(p.mask(), shape, s);
            boolean last = s == p.scales() - 1;
            int masked = last ? p.finalCouplings() : p.couplings();
            for (int i = 0; i < masked; i++) {
                Ops c = scale.withSubScope("coupling_" + i);
                layers.add(coupling(c, parameters, init, p.mask().forCoupling(c, i, shape), shape, hidden));
            }
            FactorOut factorOut = null;
            if (!last) {
                layers.add(new Squeeze(scale.withSubScope("squeeze")));
                shape = Squeeze.outputShape(shape);
                for (int i = 0; i < p.couplings(); i++) {
                    Ops c = scale.withSubScope("channel_coupling_" + i);
                    layers.add(coupling(c, parameters, init, MaskType.CHANNEL.forCoupling(c, i, shape), shape, hidden));
                }
                factorOut = new FactorOut(scale.withSubScope("factor_out"), parameters, init, shape, p.learnedPrior());
            }
            levels.add(new MultiScaleFlow.Level(new Chain(scale, layers), factorOut));
            if (factorOut != null) shape = factorOut.keptShape();
        }
        GaussianPrior top = new GaussianPrior(tf.withSubScope("top"), parameters, init, shape, false);
        return new MultiScaleFlow(tf, levels, top);
    }

    private Bijector coupling(Ops tf, Parameters parameters, Initializers init, Mask mask, ImageShape shape, int hidden) {
        ImageShape conditioner = new ImageShape(shape.height(), shape.width(), (int) mask.conditionerChannels());
        StNet net = StNets.create(p.stNet(), tf.withSubScope("net"), parameters, init, conditioner, hidden,
                2 * mask.activeChannels());
        return new AffineCoupling(tf, mask, net, p.scaleFunction().create(tf, parameters, init, mask.activeChannels()));
    }

    private static void requireMask(MaskType mask, ImageShape shape, int scale) {
        String why = mask.unsupported(shape);
        if (why != null) {
            throw new RunFailedException(NAME + ": mask " + mask.name().toLowerCase(Locale.ROOT) + " cannot act on "
                    + shape + " at scale " + scale + " (" + why + "); choose another mask or set squeeze_input: true");
        }
    }
}
