package org.oodrunner.components.models.flows.bijectors;

import java.util.List;
import java.util.function.BiPredicate;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Constant matrices and the 1x1 convolution by a matrix, for the invertible 1x1 convolutions. */
final class Matrices {
    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    private Matrices() {}

    static Operand<TFloat32> constant(Ops tf, double[][] m) {
        int n = m.length;
        int cols = m[0].length;
        float[] flat = new float[n * cols];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols; j++) flat[i * cols + j] = (float) m[i][j];
        }
        return tf.constant(Shape.of(n, cols), DataBuffers.of(flat, true, false));
    }

    /** A matrix whose entries are 1 where {@code keep(i, j)} holds, 0 elsewhere. */
    static double[][] pattern(int n, BiPredicate<Integer, Integer> keep) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) m[i][j] = keep.test(i, j) ? 1 : 0;
        }
        return m;
    }

    /** y = W x at every pixel of [batch, H, W, C]: a 1x1 convolution with kernel W^T. */
    static Operand<TFloat32> applyPerPixel(Ops tf, Operand<TFloat32> w, Operand<TFloat32> x, long channels) {
        Operand<TFloat32> kernel = tf.reshape(tf.linalg.transpose(w, tf.constant(new int[] {1, 0})),
                tf.constant(new long[] {1, 1, channels, channels}));
        return tf.nn.conv2d(x, kernel, UNIT_STRIDES, "VALID");
    }
}
