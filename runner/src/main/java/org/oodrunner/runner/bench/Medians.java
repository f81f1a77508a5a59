package org.oodrunner.runner.bench;

import java.util.Arrays;
import java.util.Locale;

/** Medians of timed rounds, and the rounds themselves as a printable list. */
final class Medians {
    private Medians() {}

    static double of(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String rounds(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.0f", v));
        }
        return sb.toString();
    }
}
