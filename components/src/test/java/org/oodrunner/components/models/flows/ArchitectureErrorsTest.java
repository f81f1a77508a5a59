package org.oodrunner.components.models.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.glow.CouplingType;
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
import org.oodrunner.framework.errors.RunFailedException;

/** An architecture that does not fit the images stops the run with one line naming the setting to change. */
class ArchitectureErrorsTest {
    private static final ImageShape MNIST = new ImageShape(28, 28, 1);

    @Test
    void glowWithMoreLevelsThanTheImageCanBeSqueezed() {
        GlowModel glow = GlowModel.glow(new GlowParams(3, 1, 4, CouplingType.AFFINE, ScaleFunction.SIGMOID,
                InvertibleConvType.LU, true, 1.0));
        try (TestGraph t = new TestGraph()) {
            RunFailedException e = assertThrows(RunFailedException.class, () -> glow.build(t.context(MNIST)));
            assertEquals("glow: levels: 3 squeezes the images 3 times, so their sides must be divisible by 8, but they are "
                    + "28x28x1 (at most 2 squeezes); use fewer levels", e.getMessage());
        }
    }

    @Test
    void realNvpWithAChannelMaskOnGreyImages() {
        StNetParams net = new StNetParams(StNetType.CONVNET, 4, 0, 3, null, BottleneckType.CHANNELS);
        RealNvpModel realnvp = new RealNvpModel(new RealNvpParams(1, 1, 2, MaskType.CHANNEL, net, false, ScaleFunction.TANH,
                false, false));
        try (TestGraph t = new TestGraph()) {
            RunFailedException e = assertThrows(RunFailedException.class, () -> realnvp.build(t.context(MNIST)));
            assertEquals("realnvp: mask channel cannot act on 28x28x1 at scale 0 (a channel mask needs an even number of "
                    + "channels, not 1); choose another mask or set squeeze_input: true", e.getMessage());
        }
    }
}
