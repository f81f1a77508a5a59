package org.oodrunner.components.nn;

import java.util.List;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A 2-D convolution over [batch, H, W, C] with explicit zero padding, a stride, a bias and an
 * optional fixed 0/1 mask on the kernel (a masked convolution is an ordinary one whose
 * forbidden taps are multiplied by zero, so neither the output nor any gradient sees them).
 * Weights start normal with standard deviation gain / sqrt(fan-in), counting only unmasked
 * taps. Create once, apply as often as needed: every application shares the variables.
 */
public final class Conv2d {
    private final Ops tf;
    private final Operand<TFloat32> kernel;
    private final Variable<TFloat32> bias;
    /** Explicit zero padding before a VALID convolution; null: TensorFlow's SAME padding. */
    private final Padding padding;
    private final int stride;
    private final int outChannels;

    private Conv2d(Ops tf, Operand<TFloat32> kernel, Variable<TFloat32> bias, Padding padding, int stride, int outChannels) {
        this.tf = tf;
        this.kernel = kernel;
        this.bias = bias;
        this.padding = padding;
        this.stride = stride;
        this.outChannels = outChannels;
    }

    /**
     * A stride-1 convolution with SAME padding (any kernel size keeps H and W), its variables
     * {@code kernel} and {@code bias} created directly in {@code tf}'s scope.
     */
    public static Conv2d same(Ops tf, Parameters parameters, Initializers init, int size, long inChannels,
            long outChannels, WeightInit weights) {
        return builder(size, size, Math.toIntExact(inChannels), Math.toIntExact(outChannels)).samePadding()
                .gain(weights.gain()).buildIn(new LayerScope(tf, parameters, init));
    }

    public static Builder builder(int kernelHeight, int kernelWidth, int inChannels, int outChannels) {
        return new Builder(kernelHeight, kernelWidth, inChannels, outChannels);
    }

    public int outChannels() {
        return outChannels;
    }

    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
        Operand<TFloat32> y = padding == null ? tf.nn.conv2d(x, kernel, strides, "SAME")
                : tf.nn.conv2d(padding.apply(tf, x), kernel, strides, "VALID");
        return tf.nn.biasAdd(y, bias);
    }

    public static final class Builder {
        private final int kh;
        private final int kw;
        private final int in;
        private final int out;
        private int stride = 1;
        private Padding padding = Padding.NONE;
        private float[] mask;
        private double gain = 1;

        private Builder(int kh, int kw, int in, int out) {
            if (kh < 1 || kw < 1 || in < 1 || out < 1) {
                throw new IllegalArgumentException("bad convolution " + kh + "x" + kw + ", " + in + " -> " + out);
            }
            this.kh = kh;
            this.kw = kw;
            this.in = in;
            this.out = out;
        }

        public Builder stride(int s) {
            this.stride = s;
            return this;
        }

        public Builder padding(Padding p) {
            this.padding = p;
            return this;
        }

        /** TensorFlow's SAME padding instead of explicit padding (stride 1 keeps H and W for any kernel). */
        public Builder samePadding() {
            this.padding = null;
            return this;
        }

        /** A 0/1 mask in the kernel's layout [kh, kw, in, out], row-major. */
        public Builder mask(float[] m) {
            if (m.length != kh * kw * in * out) {
                throw new IllegalArgumentException("mask has " + m.length + " values for a " + kh + "x" + kw + "x" + in + "x" + out
                        + " kernel");
            }
            this.mask = m;
            return this;
        }

        /** Scale of the initial weights relative to 1/sqrt(fan-in); 0 starts the layer at zero output. */
        public Builder gain(double g) {
            this.gain = g;
            return this;
        }

        /** Creates the variables in a sub-scope {@code name} of {@code scope}. */
        public Conv2d build(LayerScope scope, String name) {
            return buildIn(scope.sub(name));
        }

        /** Creates the variables {@code kernel} and {@code bias} directly in {@code s}. */
        public Conv2d buildIn(LayerScope s) {
            double fanIn = (double) kh * kw * in;
            if (mask != null) {
                double kept = 0;
                for (float m : mask) kept += m;
                fanIn = Math.max(1, kept / out);
            }
            float std = (float) (gain / Math.sqrt(fanIn));
            Variable<TFloat32> w = s.parameters().create(s.tf(), "kernel", gain == 0
                    ? s.init().zeros(kh, kw, in, out) : s.init().normal(std, kh, kw, in, out));
            Variable<TFloat32> b = s.parameters().create(s.tf(), "bias", s.init().zeros(out));
            Operand<TFloat32> k = w;
            if (mask != null) {
                k = s.tf().math.mul(w, s.tf().constant(Shape.of(kh, kw, in, out), DataBuffers.of(mask, true, false)));
            }
            return new Conv2d(s.tf(), k, b, padding, stride, out);
        }
    }
}
