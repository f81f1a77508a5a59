package org.oodrunner.components.models.jem;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Wide-ResNet (Zagoruyko and Komodakis 2016) without normalisation layers, as JEM uses it
 * (batch norm would make f(x) depend on the rest of the batch, which an energy must not): a 3x3
 * convolution to 16 channels, three stages of n pre-activation residual blocks with 16k, 32k and
 * 64k channels (the second and third start with stride 2), a leaky ReLU, global mean pooling
 * and a linear layer to the logits. Depth 6n+4 counts the convolutions and the linear layer.
 */
final class WideResNet implements Network {
    private final Conv stem;
    private final List<Block> blocks = new ArrayList<>();
    private final Linear output;
    private final float leak;

    /** leaky-ReLU, 3x3 conv, leaky-ReLU, 3x3 conv (strided), plus the input (1x1-projected when the shape changes). */
    private record Block(Conv first, Conv second, Conv shortcut) {}

    WideResNet(Ops tf, GraphContext g, NetworkParams p, long inChannels) {
        Initializers init = new Initializers(tf, g.seeds());
        this.leak = (float) p.leak();
        this.stem = new Conv(tf.withSubScope("stem"), g.parameters(), init, 3, inChannels, 16, 1);
        long in = 16;
        long[] widths = {16L * p.widenFactor(), 32L * p.widenFactor(), 64L * p.widenFactor()};
        for (int stage = 0; stage < 3; stage++) {
            for (int b = 0; b < p.blocksPerStage(); b++) {
                Ops scope = tf.withSubScope("stage" + (stage + 1) + "_block" + (b + 1));
                int stride = stage > 0 && b == 0 ? 2 : 1;
                long out = widths[stage];
                Conv first = new Conv(scope.withSubScope("conv1"), g.parameters(), init, 3, in, out, 1);
                Conv second = new Conv(scope.withSubScope("conv2"), g.parameters(), init, 3, out, out, stride);
                Conv shortcut = stride != 1 || in != out
                        ? new Conv(scope.withSubScope("shortcut"), g.parameters(), init, 1, in, out, stride)
                        : null;
                blocks.add(new Block(first, second, shortcut));
                in = out;
            }
        }
        this.output = new Linear(tf.withSubScope("logits"), g.parameters(), init, in, g.numClasses());
    }

    @Override
    public Operand<TFloat32> head(Ops tf, Operand<TFloat32> features) {
        return output.apply(tf, features);
    }

    @Override
    public Operand<TFloat32> features(Ops tf, Operand<TFloat32> images) {
        Operand<TFloat32> h = stem.apply(tf, images);
        for (Block b : blocks) {
            Operand<TFloat32> r = b.first().apply(tf, act(tf, h));
            r = b.second().apply(tf, act(tf, r));
            h = tf.math.add(r, b.shortcut() == null ? h : b.shortcut().apply(tf, h));
        }
        return Network.globalMeanPool(tf, act(tf, h));
    }

    private Operand<TFloat32> act(Ops tf, Operand<TFloat32> x) {
        return LeakyRelu.apply(tf, x, leak);
    }
}
