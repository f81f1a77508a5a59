package org.oodrunner.components.models.flows.stnets;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.WeightInit;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * conv3x3 - [h + conv(ReLU(conv(ReLU(h))))] x blocks - ReLU - conv3x3, the last initialised to
 * zero so the coupling starts as the identity (RealNVP's s/t network, without batch norm: a
 * flow's density must not depend on the other examples of a batch).
 */
final class ResNet implements StNet {
    private final Ops tf;
    private final Conv2d first;
    private final List<Conv2d[]> blocks = new ArrayList<>();
    private final Conv2d last;
    private final StNet bottleneck;
    private final int bottleneckAfter;

    ResNet(Ops tf, Parameters parameters, Initializers init, StNetParams p, ImageShape input, int hiddenChannels,
            long outChannels) {
        this.tf = tf;
        this.first = Conv2d.same(tf.withSubScope("in"), parameters, init, 3, input.channels(), hiddenChannels, WeightInit.HE);
        for (int i = 0; i < p.blocks(); i++) {
            Ops block = tf.withSubScope("block_" + i);
            // The second convolution starts at zero, so every block starts as the identity and
            // activations keep their scale however many blocks there are (no normalisation here).
            blocks.add(new Conv2d[] {
                Conv2d.same(block.withSubScope("a"), parameters, init, p.kernelSize(), hiddenChannels, hiddenChannels, WeightInit.HE),
                Conv2d.same(block.withSubScope("b"), parameters, init, p.kernelSize(), hiddenChannels, hiddenChannels, WeightInit.ZEROS)
            });
        }
        this.bottleneckAfter = (p.blocks() + 1) / 2;
        this.bottleneck = p.bottleneck() == null ? null : new Bottleneck(tf.withSubScope("bottleneck"), parameters, init,
                new ImageShape(input.height(), input.width(), hiddenChannels), p.bottleneck(), p.bottleneckType());
        this.last = Conv2d.same(tf.withSubScope("out"), parameters, init, 3, hiddenChannels, outChannels, WeightInit.ZEROS);
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        Operand<TFloat32> h = first.apply(x);
        for (int i = 0; i < blocks.size(); i++) {
            if (bottleneck != null && i == bottleneckAfter) h = bottleneck.apply(h);
            Conv2d[] b = blocks.get(i);
            h = tf.math.add(h, b[1].apply(tf.nn.relu(b[0].apply(tf.nn.relu(h)))));
        }
        if (bottleneck != null && bottleneckAfter == blocks.size()) h = bottleneck.apply(h);
        return last.apply(tf.nn.relu(h));
    }
}
