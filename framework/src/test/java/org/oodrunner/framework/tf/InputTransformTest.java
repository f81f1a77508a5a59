package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ChannelStatistics;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.InputTransformKind;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Checks the transforms' per-example log-Jacobians against a numerical Jacobian (central
 * differences over every input value, the full matrix, its determinant by LU) and that the
 * inverse undoes the forward map, on a real TensorFlow graph.
 */
class InputTransformTest {
    private static final int H = 2;
    private static final int W = 2;
    private static final int C = 3;
    private static final int D = H * W * C;

    /** Evaluates a transform's forward map, log-det and inverse on batches. */
    private static final class Harness implements AutoCloseable {
        final Graph graph = new Graph();
        final Session session = new Session(graph);
        final Placeholder<TFloat32> x;
        final Operand<TFloat32> y;
        final Operand<TFloat32> logDet;
        final Operand<TFloat32> back;

        Harness(InputTransform t) {
            Ops tf = Ops.create(graph);
            x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, W, C)));
            InputTransform.Result r = t.forward(tf, x);
            // Identities: a fed placeholder cannot also be fetched (the identity transform returns it).
            y = tf.identity(r.output());
            logDet = r.logDetJacobian();
            back = tf.identity(t.inverse(tf, r.output()));
        }

        float[][] run(float[] batch, int n) {
            try (TFloat32 in = TensorIO.floats(batch, n, H, W, C);
                    Result r = session.runner().feed(x, in).fetch(y).fetch(logDet).fetch(back).run()) {
                return new float[][] {TensorIO.toFloats(r.get(0)), TensorIO.toFloats(r.get(1)), TensorIO.toFloats(r.get(2))};
            }
        }

        @Override
        public void close() {
            session.close();
            graph.close();
        }
    }

    private static float[] randomImages(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * D];
        for (int i = 0; i < x.length; i++) x[i] = 0.05f + 0.9f * r.nextFloat();
        return x;
    }

    /** log |det J| of one example by central differences: one batch holding every perturbation. */
    private static double numericalLogDet(Harness h, float[] example) {
        double eps = 1e-3;
        float[] batch = new float[2 * D * D];
        for (int d = 0; d < D; d++) {
            System.arraycopy(example, 0, batch, (2 * d) * D, D);
            System.arraycopy(example, 0, batch, (2 * d + 1) * D, D);
            batch[(2 * d) * D + d] += (float) eps;
            batch[(2 * d + 1) * D + d] -= (float) eps;
        }
        float[] y = h.run(batch, 2 * D)[0];
        double[][] jacobian = new double[D][D];
        for (int d = 0; d < D; d++) {
            double step = (double) batch[(2 * d) * D + d] - batch[(2 * d + 1) * D + d];
            for (int o = 0; o < D; o++) jacobian[o][d] = (y[(2 * d) * D + o] - y[(2 * d + 1) * D + o]) / step;
        }
        return logAbsDet(jacobian);
    }

    /** log |det A| by Gaussian elimination with partial pivoting. */
    static double logAbsDet(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) m[i] = a[i].clone();
        double sum = 0;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            double p = m[col][col];
            sum += Math.log(Math.abs(p));
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / p;
                for (int k = col; k < n; k++) m[r][k] -= f * m[col][k];
            }
        }
        return sum;
    }

    private static void checkTransform(InputTransform t, double inverseTolerance) {
        try (Harness h = new Harness(t)) {
            float[] x = randomImages(3, 7);
            float[][] out = h.run(x, 3);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], out[2][i], inverseTolerance, "inverse(forward(x)) at " + i);
            }
            for (int e = 0; e < 3; e++) {
                float[] example = java.util.Arrays.copyOfRange(x, e * D, (e + 1) * D);
                double numerical = numericalLogDet(h, example);
                assertEquals(numerical, out[1][e], 2e-3 * Math.max(1, Math.abs(numerical)), "log-det of example " + e);
            }
            assertFalse(Math.abs(out[1][0] - out[1][1]) < 1e-6 && t instanceof LogitTransform,
                    "the logit's log-det depends on the example");
        }
    }

    @Test
    void logitLogDetMatchesTheNumericalJacobianAndTheInverseUndoesIt() {
        checkTransform(new LogitTransform(0.05), 2e-6);
        checkTransform(new LogitTransform(1e-6), 2e-6);
    }

    @Test
    void normalisationLogDetMatchesTheNumericalJacobianAndTheInverseUndoesIt() {
        NormalizeTransform t = new NormalizeTransform(new double[] {0.5, 0.4, 0.3}, new double[] {0.25, 0.5, 2.0});
        checkTransform(t, 1e-6);
        try (Harness h = new Harness(t)) {
            float[][] out = h.run(randomImages(2, 3), 2);
            double expected = -H * W * (Math.log(0.25) + Math.log(0.5) + Math.log(2.0));
            assertEquals(expected, out[1][0], 1e-5);
            assertEquals(expected, out[1][1], 1e-5);
            assertEquals((randomImages(2, 3)[1] - 0.4) / 0.5, out[0][1], 1e-6, "channel 1 of the first pixel");
        }
    }

    @Test
    void identityHasZeroLogDet() {
        try (Harness h = new Harness(InputTransform.identity())) {
            float[] x = randomImages(2, 1);
            float[][] out = h.run(x, 2);
            assertEquals(0f, out[1][0]);
            assertEquals(x[5], out[0][5]);
        }
    }

    @Test
    void theSpecChoosesTheTransformAndMeasuresStatisticsOnlyWhenAsked() {
        AtomicBoolean measured = new AtomicBoolean();
        ChannelStatistics stats = new ChannelStatistics(new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3});
        PreprocessSpec given = PreprocessSpec.defaults().withTransform(InputTransformKind.NORMALIZE, 0.05, List.of(0.5, 0.5, 0.5),
                List.of(0.2, 0.2, 0.2));
        assertTrue(InputTransforms.of(given, () -> {
            measured.set(true);
            return stats;
        }) instanceof NormalizeTransform n && n.mean()[0] == 0.5 && n.std()[2] == 0.2);
        assertFalse(measured.get());
        PreprocessSpec measure = PreprocessSpec.defaults().withTransform(InputTransformKind.NORMALIZE, 0.05, null, null);
        assertTrue(InputTransforms.of(measure, () -> stats) instanceof NormalizeTransform n && n.std()[1] == 2);
        assertTrue(InputTransforms.of(PreprocessSpec.defaults().withTransform(InputTransformKind.LOGIT, 0.1, null, null),
                () -> stats) instanceof LogitTransform l && l.alpha() == 0.1);
        assertThrows(IllegalArgumentException.class, () -> new LogitTransform(0.5));
        assertThrows(IllegalArgumentException.class, () -> new NormalizeTransform(new double[] {0}, new double[] {0}));
    }
}
