package org.oodrunner.framework.metrics;

/**
 * A bootstrap percentile interval for a metric.
 *
 * @param level the nominal coverage, e.g. 0.95
 * @param resamples how many bootstrap resamples it was read from
 */
public record ConfidenceInterval(double low, double high, double level, int resamples) {
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public double width() {
        return high - low;
    }
}
