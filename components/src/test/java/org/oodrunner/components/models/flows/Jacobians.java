package org.oodrunner.components.models.flows;

import java.util.List;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * log |det J| of a per-example map computed independently of the map's own log-determinant:
 * the full D x D Jacobian from TensorFlow's gradients, then its determinant by LU
 * decomposition in double precision.
 *
 * <p>One gradient op gives the whole Jacobian: feed D copies of the point, and differentiate
 * {@code sum_b y[b, b]}; row b of the result is dy_b/dx at copy b, i.e. row b of J.
 */
final class Jacobians {
    private final TestGraph t;
    private final Placeholder<TFloat32> x;
    private final ImageShape shape;
    private final Operand<TFloat32> rows;

    /** @param y the map's output, D values per example in any shape */
    Jacobians(TestGraph t, Placeholder<TFloat32> x, ImageShape shape, Operand<TFloat32> y) {
        this.t = t;
        this.x = x;
        this.shape = shape;
        int d = shape.dims();
        Ops tf = t.tf;
        float[] eye = new float[d * d];
        for (int i = 0; i < d; i++) eye[i * d + i] = 1f;
        Operand<TFloat32> flat = tf.reshape(y, tf.constant(new long[] {-1, d}));
        Operand<TFloat32> diagonal = tf.sum(tf.math.mul(flat, tf.constant(Shape.of(d, d), DataBuffers.of(eye, true, false))),
                tf.constant(new int[] {0, 1}));
        this.rows = tf.gradients(diagonal, List.of(x)).dy(0);
    }

    /** log |det dy/dx| at the single image {@code point}. */
    double logAbsDet(float[] point) {
        return logAbsDet(matrix(point));
    }

    /** dy/dx at the single image {@code point}: entry [i][j] is dy_i/dx_j, both indices row-major HWC. */
    double[][] matrix(float[] point) {
        int d = shape.dims();
        float[] copies = new float[d * d];
        for (int b = 0; b < d; b++) System.arraycopy(point, 0, copies, b * d, d);
        float[] j = t.run(x, copies, shape, rows).get(0);
        double[][] m = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) m[r][c] = j[r * d + c];
        }
        return m;
    }

    /** log |det m| by Gaussian elimination with partial pivoting. */
    static double logAbsDet(double[][] m) {
        int n = m.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = m[i].clone();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
            }
            double[] row = a[k];
            a[k] = a[p];
            a[p] = row;
            if (a[k][k] == 0) return Double.NEGATIVE_INFINITY;
            sum += Math.log(Math.abs(a[k][k]));
            for (int i = k + 1; i < n; i++) {
                double f = a[i][k] / a[k][k];
                for (int c = k; c < n; c++) a[i][c] -= f * a[k][c];
            }
        }
        return sum;
    }

    /** Asserts |actual - expected| <= 1e-3 max(1, |expected|): relative, with an absolute floor for values near 0. */
    static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-3 * Math.max(1, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new AssertionError(what + ": expected log|det J| " + expected + " but the layer reports " + actual);
        }
    }
}
