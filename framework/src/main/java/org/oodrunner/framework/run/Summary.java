package org.oodrunner.framework.run;

import java.util.Arrays;

/**
 * Distribution summary of a score over one dataset: mean, standard deviation and quantiles
 * (linear interpolation between order statistics).
 */
public record Summary(int n, double mean, double std, double min, double q05, double q25, double median,
        double q75, double q95, double max) {

    public static Summary of(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values to summarise");
        double[] v = values.clone();
        Arrays.sort(v);
        double sum = 0;
        for (double x : v) sum += x;
        double mean = sum / v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return new Summary(v.length, mean, std, v[0], quantile(v, 0.05), quantile(v, 0.25), quantile(v, 0.5),
                quantile(v, 0.75), quantile(v, 0.95), v[v.length - 1]);
    }

    /** The q-quantile of sorted values. */
    public static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
