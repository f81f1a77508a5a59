package org.oodrunner.components.models.flows.glow;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.models.flows.FlowGraph;
import org.oodrunner.components.models.flows.FlowModel;
import org.oodrunner.components.models.flows.FlowShapes;
import org.oodrunner.components.models.flows.MultiScaleFlow;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.AdditiveCoupling;
import org.oodrunner.components.models.flows.bijectors.AffineCoupling;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.ChannelLinear;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.PlainInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.Squeeze;
import org.oodrunner.components.models.flows.latent.FactorOut;
import org.oodrunner.components.models.flows.latent.GaussianPrior;
import org.oodrunner.components.models.flows.masks.ChannelMask;
import org.oodrunner.components.models.flows.stnets.BottleneckType;
import org.oodrunner.components.models.flows.stnets.StNet;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.components.models.flows.stnets.StNetType;
import org.oodrunner.components.models.flows.stnets.StNets;
import org.oodrunner.framework.component.ModelProperty;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/**
 * Glow (Kingma and Dhariwal 2018): L levels of [squeeze, K x (actnorm, invertible 1x1
 * convolution, coupling), factor out half with a learned conditional prior], a Gaussian top.
 * With additive couplings it is the constant-volume Glow of Nalisnick et al. 2019.
 */
public final class GlowModel implements FlowModel {
    private final String name;
    private final GlowDesign design;

    private GlowModel(String name, GlowDesign design) {
        this.name = name;
        this.design = design;
    }

    public static GlowModel glow(GlowParams p) {
        return new GlowModel("glow", p.design());
    }

    public static GlowModel cvGlow(CvGlowParams p) {
        return new GlowModel("cv_glow", p.design());
    }

    @Override
    public String scopeName() {
        return name;
    }

    @Override
    public MultiScaleFlow flow(GraphContext g, Ops tf) {
        return flow(g, tf, new ArrayList<>());
    }

    /**
     * With additive couplings the volume term does not depend on x, and the graph also offers
     * {@link ModelProperty#CHANNEL_ALPHA} for the second-moment analysis.
     */
    @Override
    public ModelGraph build(GraphContext g) {
        if (design.coupling() != CouplingType.ADDITIVE) return FlowModel.super.build(g);
        Ops tf = g.tf().withSubScope(scopeName());
        List<ChannelLinear> firstLevel = new ArrayList<>();
        ModelGraph graph = FlowGraph.build(g, tf, flow(g, tf, firstLevel));
        return graph.withProperty(ModelProperty.CHANNEL_ALPHA,
                ChannelAlpha.of(tf.withSubScope("second_moment"), firstLevel, g.shape().channels()));
    }

    /** @param firstLevelLinear receives the first level's ActNorm and 1x1 convolution layers, in order */
    private MultiScaleFlow flow(GraphContext g, Ops tf, List<ChannelLinear> firstLevelLinear) {
        FlowShapes.requireSqueezable(name, g.shape(), design.levels(), "levels: " + design.levels(), "use fewer levels");
        Parameters parameters = g.parameters();
        Initializers init = new Initializers(tf, g.seeds());
        ImageShape shape = g.shape();
        List<MultiScaleFlow.Level> levels = new ArrayList<>();
        for (int l = 0; l < design.levels(); l++) {
            Ops level = tf.withSubScope("level_" + l);
            List<Bijector> layers = new ArrayList<>();
            layers.add(new Squeeze(level));
            shape = Squeeze.outputShape(shape);
            for (int k = 0; k < design.steps(); k++) {
                Ops step = level.withSubScope("step_" + k);
                ActNorm actNorm = new ActNorm(step.withSubScope("actnorm"), parameters, init, shape, design.actnormScale());
                ChannelLinear conv = switch (design.invertibleConv()) {
                    case LU -> new LuInvertibleConv(step.withSubScope("invconv"), parameters, shape, g.seeds().next());
                    case PLAIN -> new PlainInvertibleConv(step.withSubScope("invconv"), parameters, shape, g.seeds().next());
                };
                layers.add(actNorm);
                layers.add(conv);
                if (l == 0) {
                    firstLevelLinear.add(actNorm);
                    firstLevelLinear.add(conv);
                }
                layers.add(coupling(step.withSubScope("coupling"), parameters, init, shape));
            }
            FactorOut factorOut = null;
            if (l < design.levels() - 1) {
                factorOut = new FactorOut(level.withSubScope("factor_out"), parameters, init, shape, true);
            }
            levels.add(new MultiScaleFlow.Level(new Chain(level, layers), factorOut));
            if (factorOut != null) shape = factorOut.keptShape();
        }
        GaussianPrior top = new GaussianPrior(tf.withSubScope("top"), parameters, init, shape, design.learnTop());
        return new MultiScaleFlow(tf, levels, top);
    }

    /** Changes the second half of the channels given the first (the 1x1 convolutions mix them between steps). */
    private Bijector coupling(Ops tf, Parameters parameters, Initializers init, ImageShape shape) {
        ChannelMask mask = new ChannelMask(tf, shape.channels(), false);
        ImageShape conditioner = new ImageShape(shape.height(), shape.width(), (int) mask.conditionerChannels());
        StNetParams glowNet = new StNetParams(StNetType.CONVNET, design.hiddenChannels(), 1, 1, null, BottleneckType.CHANNELS);
        long active = mask.activeChannels();
        if (design.coupling() == CouplingType.ADDITIVE) {
            StNet net = StNets.create(glowNet, tf.withSubScope("net"), parameters, init, conditioner,
                    design.hiddenChannels(), active);
            return new AdditiveCoupling(tf, mask, net);
        }
        StNet net = StNets.create(glowNet, tf.withSubScope("net"), parameters, init, conditioner,
                design.hiddenChannels(), 2 * active);
        return new AffineCoupling(tf, mask, net, design.scaleFunction().create(tf, parameters, init, active));
    }
}
