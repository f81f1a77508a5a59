package org.oodrunner.components.nn;

import java.util.List;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution with a bias, stride 1 and SAME padding, on NHWC tensors: the spatial size
 * is kept, only the channels change.
 */
public final class Conv2d {
    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    private final Ops tf;
    private final Variable<TFloat32> kernel;
    private final Variable<TFloat32> bias;
    private final long outChannels;

    /**
     * @param tf the scope the variables are created in (their names: {@code kernel}, {@code bias})
     * @param size kernel height and width
     */
    public Conv2d(Ops tf, Parameters parameters, Initializers init, int size, long inChannels, long outChannels,
            WeightInit weights) {
        this.tf = tf;
        this.outChannels = outChannels;
        long fanIn = (long) size * size * inChannels;
        this.kernel = parameters.create(tf, "kernel", weights.initial(init, fanIn, size, size, inChannels, outChannels));
        this.bias = parameters.create(tf, "bias", init.zeros(outChannels));
    }

    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, UNIT_STRIDES, "SAME"), bias);
    }

    public long outChannels() {
        return outChannels;
    }
}
