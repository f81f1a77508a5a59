package org.oodrunner.components.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Metric;

/**
 * Every OOD metric against an independent O(n^2) computation straight from its definition, on
 * 1500 random cases (sizes 1-60, with and without ties, with infinities), and detection error on
 * hand-computed cases. The production code sorts and merges in O(n log n); these reference
 * versions compare every pair or scan every threshold.
 */
class MetricsAgainstPairwiseCountsTest {
    private static final double EPS = 1e-12;

    // ---- reference definitions, O(n^2) ----

    /** P(in > out) + P(in = out) / 2 over all pairs. */
    static double auroc(double[] in, double[] out) {
        double wins = 0;
        for (double a : in) {
            for (double b : out) wins += a > b ? 1 : a == b ? 0.5 : 0;
        }
        return wins / ((double) in.length * out.length);
    }

    /** Mean over positives of the precision when accepting every score >= that positive's score. */
    static double averagePrecision(double[] positive, double[] negative) {
        double sum = 0;
        for (double t : positive) {
            int tp = 0;
            int fp = 0;
            for (double a : positive) if (a >= t) tp++;
            for (double b : negative) if (b >= t) fp++;
            sum += (double) tp / (tp + fp);
        }
        return sum / positive.length;
    }

    /** Over every threshold t taken from the scores, the highest t with TPR(t) >= tpr; its FPR. */
    static double fprAtTpr(double[] in, double[] out, double tpr) {
        double best = Double.NEGATIVE_INFINITY;
        boolean found = false;
        for (double[] set : new double[][] {in, out}) {
            for (double t : set) {
                int tp = 0;
                for (double a : in) if (a >= t) tp++;
                if (tp >= tpr * in.length - 1e-9 && (!found || t > best)) {
                    best = t;
                    found = true;
                }
            }
        }
        int fp = 0;
        for (double b : out) if (b >= best) fp++;
        return (double) fp / out.length;
    }

    /** min over thresholds (every score, and +inf: accept nothing) of (1 - TPR)/2 + FPR/2. */
    static double detectionError(double[] in, double[] out) {
        double best = 0.5;
        for (double[] set : new double[][] {in, out}) {
            for (double t : set) {
                int tp = 0;
                int fp = 0;
                for (double a : in) if (a >= t) tp++;
                for (double b : out) if (b >= t) fp++;
                best = Math.min(best, 0.5 * (1 - (double) tp / in.length) + 0.5 * (double) fp / out.length);
            }
        }
        return best;
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = -v[i];
        return out;
    }

    // ---- tests ----

    @Test
    void everyMetricMatchesItsDefinitionOnRandomScores() {
        Random random = new Random(20190214);
        Metric auroc = new Auroc();
        Metric auprIn = new AuprIn();
        Metric auprOut = new AuprOut();
        Metric fpr95 = new FprAtTpr(0.95);
        Metric fpr80 = new FprAtTpr(0.8);
        Metric detection = new DetectionError();
        int cases = 1500;
        for (int c = 0; c < cases; c++) {
            int n = 1 + random.nextInt(60);
            int m = 1 + random.nextInt(60);
            // A third of the cases draw from few distinct values (many ties), a third from a
            // continuous shifted normal, a third mix in infinities.
            int kind = c % 3;
            double shift = random.nextGaussian();
            double[] in = new double[n];
            double[] out = new double[m];
            for (int i = 0; i < n; i++) in[i] = draw(random, kind, shift);
            for (int i = 0; i < m; i++) out[i] = draw(random, kind, 0);
            String at = "case " + c + " (n=" + n + ", m=" + m + ", kind " + kind + ")";
            assertEquals(auroc(in, out), auroc.compute(in, out), EPS, at + " auroc");
            assertEquals(averagePrecision(in, out), auprIn.compute(in, out), EPS, at + " aupr_in");
            assertEquals(averagePrecision(negate(out), negate(in)), auprOut.compute(in, out), EPS, at + " aupr_out");
            assertEquals(fprAtTpr(in, out, 0.95), fpr95.compute(in, out), EPS, at + " fpr@95");
            assertEquals(fprAtTpr(in, out, 0.8), fpr80.compute(in, out), EPS, at + " fpr@80");
            assertEquals(detectionError(in, out), detection.compute(in, out), EPS, at + " detection_error");
        }
    }

    private static double draw(Random random, int kind, double shift) {
        return switch (kind) {
            case 0 -> random.nextInt(5) + (shift > 0 ? 1 : 0);
            case 1 -> random.nextGaussian() + shift;
            default -> {
                double u = random.nextDouble();
                yield u < 0.1 ? Double.NEGATIVE_INFINITY : u < 0.15 ? Double.POSITIVE_INFINITY : random.nextInt(7) + shift;
            }
        };
    }

    @Test
    void detectionErrorOnHandComputedCases() {
        DetectionError metric = new DetectionError();
        assertFalse(metric.higherIsBetter());
        // Perfect separation: a threshold accepts all in and no OOD.
        assertEquals(0.0, metric.compute(new double[] {3, 4}, new double[] {1, 2}));
        // Reversed: the best is to accept nothing (or everything): 1/2.
        assertEquals(0.5, metric.compute(new double[] {1, 2}, new double[] {3, 4}));
        // Ranked 0.9 in, 0.8 out, 0.7 in, 0.6 in, 0.5 out: thresholds give (1-TPR)/2 + FPR/2 =
        // 0.9: 1/3, 0.8: 1/3 + 1/4, 0.7: 1/6 + 1/4, 0.6: 1/4 (best), 0.5: 1/2.
        assertEquals(0.25, metric.compute(new double[] {0.9, 0.7, 0.6}, new double[] {0.8, 0.5}), EPS);
        // All tied: accepting the tie group gives TPR = FPR = 1: error 1/2.
        assertEquals(0.5, metric.compute(new double[] {1, 1}, new double[] {1, 1, 1}));
    }

    @Test
    void nanScoresAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DetectionError().compute(new double[] {Double.NaN},
                new double[] {1}));
    }
}
