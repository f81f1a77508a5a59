package org.oodrunner.components.models.flows;

import java.util.List;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.glow.CouplingType;
import org.oodrunner.components.models.flows.glow.CvGlowParams;
import org.oodrunner.components.models.flows.glow.GlowModel;
import org.oodrunner.components.models.flows.glow.GlowParams;
import org.oodrunner.components.models.flows.glow.InvertibleConvType;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.realnvp.RealNvpModel;
import org.oodrunner.components.models.flows.realnvp.RealNvpParams;
import org.oodrunner.components.models.flows.stnets.BottleneckType;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.components.models.flows.stnets.StNetType;
import org.oodrunner.framework.data.ImageShape;

/** Small but complete configurations of every flow model, each on a tiny image. */
final class ModelCases {
    static final ImageShape GRAY = new ImageShape(4, 4, 1);
    static final ImageShape COLOUR = new ImageShape(4, 4, 3);

    record Case(String name, FlowModel model, ImageShape shape) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ModelCases() {}

    static List<Case> all() {
        StNetParams resnet = new StNetParams(StNetType.RESNET, 8, 1, 3, null, BottleneckType.CHANNELS);
        StNetParams convnetBottleneck = new StNetParams(StNetType.CONVNET, 8, 2, 3, 2, BottleneckType.CHANNELS);
        StNetParams resnetDense = new StNetParams(StNetType.RESNET, 8, 2, 3, 4, BottleneckType.DENSE);
        return List.of(
                new Case("glow, affine, LU", GlowModel.glow(new GlowParams(2, 2, 8, CouplingType.AFFINE,
                        ScaleFunction.SIGMOID, InvertibleConvType.LU, true, 1.0)), GRAY),
                new Case("glow, affine tanh, plain 1x1, colour", GlowModel.glow(new GlowParams(2, 2, 8, CouplingType.AFFINE,
                        ScaleFunction.TANH, InvertibleConvType.PLAIN, false, 1.0)), COLOUR),
                new Case("glow, additive", GlowModel.glow(new GlowParams(2, 2, 8, CouplingType.ADDITIVE,
                        ScaleFunction.SIGMOID, InvertibleConvType.LU, true, 1.0)), GRAY),
                new Case("cv_glow", GlowModel.cvGlow(new CvGlowParams(2, 2, 8, InvertibleConvType.LU, true, 1.0)), GRAY),
                new Case("realnvp, checkerboard, 2 scales", new RealNvpModel(new RealNvpParams(2, 2, 2,
                        MaskType.CHECKERBOARD, resnet, true, ScaleFunction.TANH, false, false)), GRAY),
                new Case("realnvp, horizontal, convnet bottleneck, learned prior", new RealNvpModel(new RealNvpParams(2, 1, 2,
                        MaskType.HORIZONTAL, convnetBottleneck, false, ScaleFunction.SIGMOID, false, true)), GRAY),
                new Case("realnvp, cyclic, 1 scale, dense bottleneck", new RealNvpModel(new RealNvpParams(1, 1, 8,
                        MaskType.CYCLIC, resnetDense, true, ScaleFunction.TANH, false, false)), GRAY),
                new Case("realnvp, channel, squeezed input", new RealNvpModel(new RealNvpParams(2, 2, 2,
                        MaskType.CHANNEL, resnet, true, ScaleFunction.TANH, true, false)), GRAY));
    }
}
