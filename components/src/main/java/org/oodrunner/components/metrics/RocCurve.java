package org.oodrunner.components.metrics;

import java.util.Arrays;

/**
 * The ranking of in-distribution (positive) against OOD (negative) scores, as the cumulative
 * counts at each distinct threshold, highest score first. Built in O(n log n); every metric
 * reads it. Tied scores share one threshold, so ties count half in the AUROC.
 */
final class RocCurve {
    /** After accepting everything scoring >= threshold k: true positives and false positives. */
    final long[] tp;
    final long[] fp;
    final long positives;
    final long negatives;

    private RocCurve(long[] tp, long[] fp, long positives, long negatives) {
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    static RocCurve of(double[] positive, double[] negative) {
        if (positive.length == 0 || negative.length == 0) {
            throw new IllegalArgumentException("a metric needs scores for both sets (got " + positive.length
                    + " in-distribution and " + negative.length + " OOD)");
        }
        int n = positive.length + negative.length;
        double[] scores = new double[n];
        boolean[] isPositive = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < positive.length; i++) {
            scores[i] = check(positive[i]);
            isPositive[i] = true;
        }
        for (int i = 0; i < negative.length; i++) scores[positive.length + i] = check(negative[i]);
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        long[] tp = new long[n];
        long[] fp = new long[n];
        int points = 0;
        long t = 0;
        long f = 0;
        for (int i = 0; i < n; i++) {
            int k = order[i];
            if (isPositive[k]) t++;
            else f++;
            boolean lastOfTie = i == n - 1 || Double.compare(scores[order[i + 1]], scores[k]) != 0;
            if (lastOfTie) {
                tp[points] = t;
                fp[points] = f;
                points++;
            }
        }
        return new RocCurve(Arrays.copyOf(tp, points), Arrays.copyOf(fp, points), positive.length, negative.length);
    }

    /** The same ranking seen from the OOD side: OOD is positive and lower scores rank first. */
    static RocCurve reversed(double[] positive, double[] negative) {
        return of(negate(negative), negate(positive));
    }

    int points() {
        return tp.length;
    }

    /** Area under the ROC curve by the trapezoid rule over the tie groups: P(in > out) + P(in = out)/2. */
    double auroc() {
        double area = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < points(); k++) {
            area += (fp[k] - prevFp) * (double) (tp[k] + prevTp) / 2.0;
            prevTp = tp[k];
            prevFp = fp[k];
        }
        return area / ((double) positives * negatives);
    }

    /** Average precision: the sum over thresholds of (recall gain) x precision. */
    double averagePrecision() {
        double ap = 0;
        long prevTp = 0;
        for (int k = 0; k < points(); k++) {
            if (tp[k] > prevTp) {
                double precision = (double) tp[k] / (tp[k] + fp[k]);
                ap += (tp[k] - prevTp) / (double) positives * precision;
            }
            prevTp = tp[k];
        }
        return ap;
    }

    /** The false positive rate at the first threshold whose true positive rate reaches {@code tpr}. */
    double fprAtTpr(double tpr) {
        for (int k = 0; k < points(); k++) {
            if (tp[k] >= tpr * positives - 1e-9) return (double) fp[k] / negatives;
        }
        return 1.0;
    }

    /** min over thresholds of (1 - TPR)/2 + FPR/2, including accepting nothing. */
    double detectionError() {
        double best = 0.5; // accept nothing: TPR 0, FPR 0
        for (int k = 0; k < points(); k++) {
            double err = 0.5 * (1 - (double) tp[k] / positives) + 0.5 * fp[k] / negatives;
            best = Math.min(best, err);
        }
        return best;
    }

    private static double check(double v) {
        if (Double.isNaN(v)) throw new IllegalArgumentException("a score is NaN");
        return v;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = -a[i];
        return out;
    }
}
