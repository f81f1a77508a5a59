package org.oodrunner.framework.report;

import java.util.List;
import java.util.Locale;

/**
 * One quantity over the seeds of a group: its mean, sample standard deviation (divided by
 * n - 1: the seeds are a sample of the seeds one could have run), minimum and maximum.
 */
record Spread(int n, double mean, double sd, double min, double max) {
    static Spread of(List<Double> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.size();
        double squares = 0;
        for (double v : values) squares += (v - mean) * (v - mean);
        double sd = values.size() < 2 ? Double.NaN : Math.sqrt(squares / (values.size() - 1));
        return new Spread(values.size(), mean, sd, min, max);
    }

    /** {@code mean ± sd}; a single value has no spread and says so. */
    String meanSd() {
        if (n < 2) return format(mean) + " (one seed: no spread)";
        return format(mean) + " ± " + format(sd);
    }

    /** {@code [min, max]}. */
    String range() {
        return "[" + format(min) + ", " + format(max) + "]";
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
