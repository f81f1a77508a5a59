package org.oodrunner.components.models.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.oodrunner.components.models.flows.bijectors.ActNorm;
import org.oodrunner.components.models.flows.bijectors.AdditiveCoupling;
import org.oodrunner.components.models.flows.bijectors.AffineCoupling;
import org.oodrunner.components.models.flows.bijectors.Bijector;
import org.oodrunner.components.models.flows.bijectors.Chain;
import org.oodrunner.components.models.flows.bijectors.LuInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.PlainInvertibleConv;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.bijectors.Squeeze;
import org.oodrunner.components.models.flows.masks.Mask;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.stnets.BottleneckType;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.components.models.flows.stnets.StNetType;
import org.oodrunner.components.models.flows.stnets.StNets;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/** Every bijector the flows use, on a tiny shape, for the round-trip and Jacobian tests. */
final class BijectorCases {
    /** 4x4 pixels, 2 channels: D = 32, a 32 x 32 Jacobian. */
    public static final ImageShape SHAPE = new ImageShape(4, 4, 2);

    /** What a case needs to build its bijector in a test graph. */
    public record Tools(Ops tf, Parameters parameters, Initializers init) {}

    public record Case(String name, BiFunction<Tools, ImageShape, Bijector> make) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BijectorCases() {}

    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("squeeze", (t, s) -> new Squeeze(t.tf())));
        cases.add(new Case("actnorm", (t, s) -> new ActNorm(t.tf(), t.parameters(), t.init(), s, 1f)));
        cases.add(new Case("invertible 1x1 conv (LU)", (t, s) -> new LuInvertibleConv(t.tf(), t.parameters(), s, 11)));
        cases.add(new Case("invertible 1x1 conv (plain)", (t, s) -> new PlainInvertibleConv(t.tf(), t.parameters(), s, 12)));
        StNetParams resnet = new StNetParams(StNetType.RESNET, 8, 1, 3, null, BottleneckType.CHANNELS);
        StNetParams convnet = new StNetParams(StNetType.CONVNET, 8, 1, 1, null, BottleneckType.CHANNELS);
        for (MaskType mask : MaskType.values()) {
            int patterns = mask == MaskType.CYCLIC ? 4 : 2;
            for (int i = 0; i < patterns; i++) {
                int index = i;
                String m = mask.name().toLowerCase(java.util.Locale.ROOT) + " #" + i;
                cases.add(new Case("affine coupling, tanh, " + m, (t, s) -> affine(t, s, mask, index, resnet, ScaleFunction.TANH)));
                cases.add(new Case("additive coupling, " + m, (t, s) -> additive(t, s, mask, index, convnet)));
            }
            String first = mask.name().toLowerCase(java.util.Locale.ROOT) + " #0";
            cases.add(new Case("affine coupling, sigmoid, " + first, (t, s) -> affine(t, s, mask, 0, convnet, ScaleFunction.SIGMOID)));
        }
        StNetParams channelBottleneck = new StNetParams(StNetType.RESNET, 8, 2, 3, 3, BottleneckType.CHANNELS);
        StNetParams denseBottleneck = new StNetParams(StNetType.CONVNET, 8, 2, 3, 5, BottleneckType.DENSE);
        cases.add(new Case("affine coupling, resnet with channel bottleneck",
                (t, s) -> affine(t, s, MaskType.CHECKERBOARD, 1, channelBottleneck, ScaleFunction.TANH)));
        cases.add(new Case("affine coupling, convnet with dense bottleneck",
                (t, s) -> affine(t, s, MaskType.CHANNEL, 0, denseBottleneck, ScaleFunction.SIGMOID)));
        StNetParams mlp = new StNetParams(StNetType.MLP, 8, 1, 1, null, BottleneckType.CHANNELS);
        cases.add(new Case("affine coupling, mlp per pixel",
                (t, s) -> affine(t, s, MaskType.CHANNEL, 1, mlp, ScaleFunction.TANH)));
        cases.add(new Case("glow step chain", (t, s) -> new Chain(t.tf(), List.of(
                new ActNorm(t.tf().withSubScope("a"), t.parameters(), t.init(), s, 1f),
                new LuInvertibleConv(t.tf().withSubScope("w"), t.parameters(), s, 13),
                affine(new Tools(t.tf().withSubScope("c"), t.parameters(), t.init()), s, MaskType.CHANNEL, 0, convnet,
                        ScaleFunction.SIGMOID)))));
        return cases;
    }

    static Bijector affine(Tools t, ImageShape s, MaskType type, int index, StNetParams net, ScaleFunction scale) {
        Mask mask = type.forCoupling(t.tf(), index, s);
        var nn = StNets.create(net, t.tf().withSubScope("net"), t.parameters(), t.init(), conditioner(s, mask),
                net.hiddenChannels(), 2 * mask.activeChannels());
        return new AffineCoupling(t.tf(), mask, nn, scale.create(t.tf(), t.parameters(), t.init(), mask.activeChannels()));
    }

    static Bijector additive(Tools t, ImageShape s, MaskType type, int index, StNetParams net) {
        Mask mask = type.forCoupling(t.tf(), index, s);
        var nn = StNets.create(net, t.tf().withSubScope("net"), t.parameters(), t.init(), conditioner(s, mask),
                net.hiddenChannels(), mask.activeChannels());
        return new AdditiveCoupling(t.tf(), mask, nn);
    }

    private static ImageShape conditioner(ImageShape s, Mask mask) {
        return new ImageShape(s.height(), s.width(), (int) mask.conditionerChannels());
    }
}
