package org.oodrunner.components.models.jem;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A small classifier for CPUs: 3x3 convolutions, each followed by a leaky ReLU, the first at
 * full resolution and each later one with stride 2, then a linear layer from the flattened
 * features to the logits. (Flattening rather than pooling keeps where a feature is: with so
 * few layers each feature sees only a small patch.)
 */
final class ConvNet implements Network {
    private final List<Conv> convs = new ArrayList<>();
    private final Linear output;
    private final float leak;
    private final long features;

    ConvNet(Ops tf, GraphContext g, NetworkParams p, long inChannels) {
        Initializers init = new Initializers(tf, g.seeds());
        long in = inChannels;
        long height = g.shape().height();
        long width = g.shape().width();
        for (int i = 0; i < p.channels().size(); i++) {
            long out = p.channels().get(i);
            int stride = i == 0 ? 1 : 2;
            convs.add(new Conv(tf.withSubScope("conv" + i), g.parameters(), init, 3, in, out, stride));
            // "same" padding: ceil(size / stride)
            height = (height + stride - 1) / stride;
            width = (width + stride - 1) / stride;
            in = out;
        }
        this.features = height * width * in;
        this.output = new Linear(tf.withSubScope("logits"), g.parameters(), init, features, g.numClasses());
        this.leak = (float) p.leak();
    }

    @Override
    public Operand<TFloat32> features(Ops tf, Operand<TFloat32> images) {
        Operand<TFloat32> h = images;
        for (Conv c : convs) h = LeakyRelu.apply(tf, c.apply(tf, h), leak);
        return tf.reshape(h, tf.constant(new long[] {-1, features}));
    }

    @Override
    public Operand<TFloat32> head(Ops tf, Operand<TFloat32> features) {
        return output.apply(tf, features);
    }
}
