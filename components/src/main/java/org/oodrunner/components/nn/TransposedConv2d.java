package org.oodrunner.components.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A transposed ("up-") convolution with SAME padding: [batch, h, w, in] to
 * [batch, h * stride, w * stride, out]. It is the gradient of a strided convolution
 * (Conv2DBackpropInput), whose own gradient TensorFlow Java has.
 */
public final class TransposedConv2d {
    private final Ops tf;
    private final Variable<TFloat32> kernel;
    private final Variable<TFloat32> bias;
    private final int stride;
    private final int out;

    private TransposedConv2d(Ops tf, Variable<TFloat32> kernel, Variable<TFloat32> bias, int stride, int out) {
        this.tf = tf;
        this.kernel = kernel;
        this.bias = bias;
        this.stride = stride;
        this.out = out;
    }

    /** Weights normal with standard deviation gain / sqrt(effective fan-in = k*k*in / stride^2). */
    public static TransposedConv2d create(LayerScope scope, String name, int kernelSize, int stride, int in, int out, double gain) {
        LayerScope s = scope.sub(name);
        double fanIn = Math.max(1.0, (double) kernelSize * kernelSize * in / (stride * stride));
        // Conv2DBackpropInput's filter is laid out as the forward convolution's: [k, k, out, in].
        Variable<TFloat32> k = s.parameters().create(s.tf(), "kernel",
                s.init().normal((float) (gain / Math.sqrt(fanIn)), kernelSize, kernelSize, out, in));
        Variable<TFloat32> b = s.parameters().create(s.tf(), "bias", s.init().zeros(out));
        return new TransposedConv2d(s.tf(), k, b, stride, out);
    }

    /** Upsamples x, [batch, h, w, in] with static h and w, to [batch, h * stride, w * stride, out]. */
    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        long h = x.shape().get(1);
        long w = x.shape().get(2);
        if (h < 1 || w < 1) throw new IllegalArgumentException("a transposed convolution needs static height and width");
        Operand<TInt32> batch = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> outputShape = tf.concat(List.of(batch,
                tf.constant(new int[] {(int) h * stride, (int) w * stride, out})), tf.constant(0));
        Operand<TFloat32> y = tf.nn.conv2dBackpropInput(outputShape, kernel, x, List.of(1L, (long) stride, (long) stride, 1L),
                "SAME");
        return tf.nn.biasAdd(y, bias);
    }
}
