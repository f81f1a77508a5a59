package org.oodrunner.components.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Zero padding of a [batch, H, W, C] tensor before a VALID convolution, on each side
 * separately: causal convolutions pad only above and to the left.
 */
public record Padding(int top, int bottom, int left, int right) {
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public Padding {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) throw new IllegalArgumentException("negative padding");
    }

    /** Keeps H and W of a stride-1 convolution with an odd kernel centred on its output. */
    public static Padding centred(int kernelHeight, int kernelWidth) {
        if (kernelHeight % 2 == 0 || kernelWidth % 2 == 0) {
            throw new IllegalArgumentException("a centred kernel needs odd sides, not " + kernelHeight + "x" + kernelWidth);
        }
        return new Padding(kernelHeight / 2, kernelHeight / 2, kernelWidth / 2, kernelWidth / 2);
    }

    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        if (equals(NONE)) return x;
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}), tf.constant(0f));
    }
}
