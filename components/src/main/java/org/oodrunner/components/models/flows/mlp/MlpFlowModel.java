package org.oodrunner.components.models.flows.mlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oodrunner.components.models.flows.FlowModel;
import org.oodrunner.components.models.flows.MultiScaleFlow;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.AffineCoupling;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.Permutation;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.components.models.flows.masks.ChannelMask;
import org.oodrunner.components.models.flows.stnets.Mlp;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/**
 * A normalizing flow for vectors [1, 1, D] (a classifier's features, {@code data.features}), as
 * Kirichenko et al. 2020 train on image embeddings: {@code steps} times [actnorm] - mixing
 * (reverse, random permutation or Glow's learned invertible linear map) - an affine coupling
 * that changes one half of the values given the other (the halves alternate) with an MLP s/t
 * network; a standard normal on top. One level: a vector has nothing to squeeze or factor out.
 */
public final class MlpFlowModel implements FlowModel {
    private static final String NAME = "mlp_flow";

    private final MlpFlowParams p;

    public MlpFlowModel(MlpFlowParams p) {
        this.p = p;
    }

    @Override
    public String scopeName() {
        return NAME;
    }

    @Override
    public Optional<Incompatibility> checkData(ImageShape shape, int levels) {
        if (shape.height() != 1 || shape.width() != 1) {
            return Optional.of(new Incompatibility(null, "mlp_flow models vectors [1, 1, D], but the data are " + shape
                    + " images; set data.features to model a classifier's features, or use realnvp or glow"));
        }
        if (shape.channels() < 2 || shape.channels() % 2 != 0) {
            return Optional.of(new Incompatibility(null, "mlp_flow splits the vector in two halves, so D must be even "
                    + "and at least 2, not " + shape.channels()));
        }
        return Optional.empty();
    }

    @Override
    public MultiScaleFlow flow(GraphContext g, Ops tf) {
        Parameters parameters = g.parameters();
        Initializers init = new Initializers(tf, g.seeds());
        ImageShape shape = g.shape();
        int d = shape.channels();
        List<Bijector> layers = new ArrayList<>();
        for (int k = 0; k < p.steps(); k++) {
            Ops step = tf.withSubScope("step_" + k);
            if (p.actnorm()) {
                layers.add(new ActNorm(step.withSubScope("actnorm"), parameters, init, shape, (float) p.actnormScale()));
            }
            layers.add(switch (p.mixing()) {
                case REVERSE -> Permutation.reverse(step, d);
                case RANDOM -> Permutation.random(step, d, g.seeds().next());
                case LU -> new LuInvertibleConv(step.withSubScope("mixing"), parameters, shape, g.seeds().next());
            });
            Ops c = step.withSubScope("coupling");
            ChannelMask mask = new ChannelMask(c, d, k % 2 == 0);
            ImageShape conditioner = new ImageShape(1, 1, (int) mask.conditionerChannels());
            Mlp net = new Mlp(c.withSubScope("net"), parameters, init, conditioner, p.hidden(), p.blocks(),
                    2 * mask.activeChannels());
            layers.add(new AffineCoupling(c, mask, net, p.scaleFunction().create(c, parameters, init,
                    mask.activeChannels())));
        }
        List<MultiScaleFlow.Level> levels = List.of(new MultiScaleFlow.Level(new Chain(tf, layers), null));
        GaussianPrior top = new GaussianPrior(tf.withSubScope("top"), parameters, init, shape, false);
        return new MultiScaleFlow(tf, levels, top);
    }
}
