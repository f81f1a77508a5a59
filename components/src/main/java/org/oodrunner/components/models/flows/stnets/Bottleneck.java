package org.oodrunner.components.models.flows.stnets;

import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.Dense;
import org.oodrunner.components.nn.WeightInit;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An autoencoder-style squeeze inside an s/t network: two linear maps, down to N channels or
 * units and back up, so everything the rest of the network sees passes through N numbers (per
 * pixel, or per image).
 */
final class Bottleneck implements StNet {
    private final StNet down;
    private final StNet up;

    /** @param features the shape of the feature map squeezed */
    Bottleneck(Ops tf, Parameters parameters, Initializers init, ImageShape features, int size, BottleneckType type) {
        long c = features.channels();
        if (type == BottleneckType.CHANNELS) {
            Conv2d in = Conv2d.same(tf.withSubScope("down"), parameters, init, 1, c, size, WeightInit.LECUN);
            Conv2d out = Conv2d.same(tf.withSubScope("up"), parameters, init, 1, size, c, WeightInit.LECUN);
            this.down = in::apply;
            this.up = out::apply;
        } else {
            long units = (long) features.height() * features.width() * c;
            Dense in = Dense.create(tf.withSubScope("down"), parameters, init, units, size, WeightInit.LECUN);
            Dense out = Dense.create(tf.withSubScope("up"), parameters, init, size, units, WeightInit.LECUN);
            Operand<TInt64> flat = tf.constant(new long[] {-1, units});
            Operand<TInt64> map = tf.constant(new long[] {-1, features.height(), features.width(), c});
            this.down = x -> in.apply(tf.reshape(x, flat));
            this.up = z -> tf.reshape(out.apply(z), map);
        }
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        return up.apply(down.apply(x));
    }
}
