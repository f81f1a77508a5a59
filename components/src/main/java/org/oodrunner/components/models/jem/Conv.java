package org.oodrunner.components.models.jem;

import java.util.List;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution with bias, "same" padding. Weights and bias start uniform in
 * +-1/sqrt(fan_in) (PyTorch's default, which the JEM reference trains with): without batch
 * norm, a small start keeps the logits, and so the energies, small at first.
 */
final class Conv {
    private final Variable<TFloat32> kernel;
    private final Variable<TFloat32> bias;
    private final List<Long> strides;

    Conv(Ops tf, Parameters parameters, Initializers init, int size, long in, long out, int stride) {
        float bound = (float) (1 / Math.sqrt(size * size * in));
        this.kernel = parameters.create(tf, "kernel", init.uniform(-bound, bound, size, size, in, out));
        this.bias = parameters.create(tf, "bias", init.uniform(-bound, bound, out));
        this.strides = List.of(1L, (long) stride, (long) stride, 1L);
    }

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, strides, "SAME"), bias);
    }
}
