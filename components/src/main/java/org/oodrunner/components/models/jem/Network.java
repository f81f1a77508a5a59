package org.oodrunner.components.models.jem;

import org.oodrunner.framework.tf.GraphContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * JEM's classifier f: images [batch, H, W, C] in the model's input space to logits
 * [batch, classes]. Its variables are made once, when it is created; {@link #logits} may be
 * applied any number of times (training data, every SGLD step, evaluation), always with them.
 */
interface Network {
    /** The penultimate layer, [batch, D]: what the last linear layer maps to the logits. */
    Operand<TFloat32> features(Ops tf, Operand<TFloat32> images);

    /** The last linear layer: features [batch, D] to logits [batch, classes]. */
    Operand<TFloat32> head(Ops tf, Operand<TFloat32> features);

    default Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images) {
        return head(tf, features(tf, images));
    }

    /** The network the parameters describe, its variables created in {@code tf}'s scope. */
    static Network create(Ops tf, GraphContext g, NetworkParams p) {
        long channels = g.shape().channels();
        return switch (p.type()) {
            case WIDE_RESNET -> new WideResNet(tf, g, p, channels);
            case CONVNET -> new ConvNet(tf, g, p, channels);
        };
    }

    /** Mean over height and width: [batch, H, W, C] to [batch, C]. */
    static Operand<TFloat32> globalMeanPool(Ops tf, Operand<TFloat32> x) {
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }
}
