package org.oodrunner.framework.metrics;

import java.util.Arrays;

/**
 * The ranking of in-distribution (positive) against OOD (negative) scores, as cumulative counts
 * at each distinct threshold, highest score first. Built in O(n log n): both sets are sorted
 * (primitive sorts, near-linear on already sorted input, which is what bootstrap resamples
 * give) and merged. Tied scores share one threshold, so ties count half in the AUROC. Every
 * OOD metric and the ROC plots read it.
 */
public final class RocCurve {
    /** After accepting everything scoring >= threshold k: true positives and false positives. */
    private final long[] tp;
    private final long[] fp;
    private final double[] thresholds;
    private final long positives;
    private final long negatives;

    private RocCurve(long[] tp, long[] fp, double[] thresholds, long positives, long negatives) {
        this.tp = tp;
        this.fp = fp;
        this.thresholds = thresholds;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** In-distribution scores are the positive class; higher means "more in-distribution". */
    public static RocCurve of(double[] positive, double[] negative) {
        if (positive.length == 0 || negative.length == 0) {
            throw new IllegalArgumentException("a metric needs scores for both sets (got " + positive.length
                    + " in-distribution and " + negative.length + " OOD)");
        }
        double[] pos = sortedCopy(positive);
        double[] neg = sortedCopy(negative);
        int capacity = pos.length + neg.length;
        long[] tp = new long[capacity];
        long[] fp = new long[capacity];
        double[] at = new double[capacity];
        int points = 0;
        int i = pos.length - 1;
        int j = neg.length - 1;
        long t = 0;
        long f = 0;
        // Walk both sorted arrays from the top; each step consumes one threshold and all its ties.
        while (i >= 0 || j >= 0) {
            double threshold = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] == threshold) {
                t++;
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                f++;
                j--;
            }
            tp[points] = t;
            fp[points] = f;
            at[points] = threshold;
            points++;
        }
        return new RocCurve(Arrays.copyOf(tp, points), Arrays.copyOf(fp, points), Arrays.copyOf(at, points),
                pos.length, neg.length);
    }

    /** The same ranking seen from the OOD side: OOD is positive and lower scores rank first. */
    public static RocCurve reversed(double[] positive, double[] negative) {
        return of(negate(negative), negate(positive));
    }

    /** Number of distinct thresholds. */
    public int points() {
        return tp.length;
    }

    /** True positive rate after accepting the scores at or above threshold {@code k}. */
    public double tpr(int k) {
        return (double) tp[k] / positives;
    }

    public double fpr(int k) {
        return (double) fp[k] / negatives;
    }

    /** The score value of threshold {@code k} (decreasing in k). */
    public double threshold(int k) {
        return thresholds[k];
    }

    /** Area under the ROC curve by the trapezoid rule over the tie groups: P(in > out) + P(in = out)/2. */
    public double auroc() {
        // Twice the area in integer counts, exact; one division at the end.
        long twiceArea = 0;
        long prevTp = 0;
        long prevFp = 0;
        for (int k = 0; k < points(); k++) {
            twiceArea += (fp[k] - prevFp) * (tp[k] + prevTp);
            prevTp = tp[k];
            prevFp = fp[k];
        }
        return twiceArea / (2.0 * positives * negatives);
    }

    /** Average precision: the sum over thresholds of (recall gain) x precision. */
    public double averagePrecision() {
        // Sum of (recall gain in counts) x precision, divided once: a perfect ranking gives exactly 1.
        double sum = 0;
        long prevTp = 0;
        for (int k = 0; k < points(); k++) {
            if (tp[k] > prevTp) sum += (tp[k] - prevTp) * ((double) tp[k] / (tp[k] + fp[k]));
            prevTp = tp[k];
        }
        return sum / positives;
    }

    /** The false positive rate at the first threshold whose true positive rate reaches {@code tpr}. */
    public double fprAtTpr(double tpr) {
        for (int k = 0; k < points(); k++) {
            if (tp[k] >= tpr * positives - 1e-9) return (double) fp[k] / negatives;
        }
        return 1.0;
    }

    /** min over thresholds of (1 - TPR)/2 + FPR/2, including accepting nothing. */
    public double detectionError() {
        double best = 0.5; // accept nothing: TPR 0, FPR 0
        for (int k = 0; k < points(); k++) {
            double err = 0.5 * (1 - (double) tp[k] / positives) + 0.5 * fp[k] / negatives;
            best = Math.min(best, err);
        }
        return best;
    }

    private static double[] sortedCopy(double[] values) {
        double[] copy = values.clone();
        for (double v : copy) {
            if (Double.isNaN(v)) throw new IllegalArgumentException("a score is NaN");
        }
        Arrays.sort(copy);
        return copy;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = -a[i];
        return out;
    }
}
