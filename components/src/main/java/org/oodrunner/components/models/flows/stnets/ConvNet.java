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
 * conv3x3 - ReLU - [conv kxk - ReLU] x blocks - conv3x3, the last initialised to zero so the
 * coupling starts as the identity. With one 1x1 hidden layer this is Glow's coupling network.
 */
final class ConvNet implements StNet {
    private final Ops tf;
    private final Conv2d first;
    private final List<Conv2d> hidden = new ArrayList<>();
    private final Conv2d last;
    private final StNet bottleneck;
    private final int bottleneckAfter;

    ConvNet(Ops tf, Parameters parameters, Initializers init, StNetParams p, ImageShape input, int hiddenChannels,
            long outChannels) {
        this.tf = tf;
        this.first = Conv2d.same(tf.withSubScope("in"), parameters, init, 3, input.channels(), hiddenChannels, WeightInit.HE);
        for (int i = 0; i < p.blocks(); i++) {
            hidden.add(Conv2d.same(tf.withSubScope("hidden_" + i), parameters, init, p.kernelSize(), hiddenChannels,
                    hiddenChannels, WeightInit.HE));
        }
        this.bottleneckAfter = (p.blocks() + 1) / 2;
        this.bottleneck = p.bottleneck() == null ? null : new Bottleneck(tf.withSubScope("bottleneck"), parameters, init,
                new ImageShape(input.height(), input.width(), hiddenChannels), p.bottleneck(), p.bottleneckType());
        this.last = Conv2d.same(tf.withSubScope("out"), parameters, init, 3, hiddenChannels, outChannels, WeightInit.ZEROS);
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        Operand<TFloat32> h = tf.nn.relu(first.apply(x));
        for (int i = 0; i < hidden.size(); i++) {
            if (bottleneck != null && i == bottleneckAfter) h = bottleneck.apply(h);
            h = tf.nn.relu(hidden.get(i).apply(h));
        }
        if (bottleneck != null && bottleneckAfter == hidden.size()) h = bottleneck.apply(h);
        return last.apply(h);
    }
}
