package org.oodrunner.components.models.flows.stnets;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Dense;
import org.oodrunner.components.nn.WeightInit;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * dense - ReLU - [dense - ReLU] x blocks - dense on the channels of each position, the last
 * layer initialised to zero so the coupling starts as the identity. On vectors [1, 1, D] (a
 * classifier's features) it is the MLP of Kirichenko et al. 2020's flows on embeddings; on
 * images it is the same network at every pixel (1x1 convolutions).
 */
public final class Mlp implements StNet {
    private final Ops tf;
    private final ImageShape input;
    private final long outChannels;
    private final List<Dense> layers = new ArrayList<>();

    public Mlp(Ops tf, Parameters parameters, Initializers init, ImageShape input, int hidden, int blocks,
            long outChannels) {
        this.tf = tf;
        this.input = input;
        this.outChannels = outChannels;
        layers.add(Dense.create(tf.withSubScope("in"), parameters, init, input.channels(), hidden, WeightInit.HE));
        for (int i = 0; i < blocks; i++) {
            layers.add(Dense.create(tf.withSubScope("hidden_" + i), parameters, init, hidden, hidden, WeightInit.HE));
        }
        layers.add(Dense.create(tf.withSubScope("out"), parameters, init, hidden, outChannels, WeightInit.ZEROS));
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        Operand<TFloat32> h = tf.reshape(x, tf.constant(new long[] {-1, input.channels()}));
        for (int i = 0; i < layers.size() - 1; i++) h = tf.nn.relu(layers.get(i).apply(h));
        h = layers.get(layers.size() - 1).apply(h);
        return tf.reshape(h, tf.constant(new long[] {-1, input.height(), input.width(), outChannels}));
    }
}
