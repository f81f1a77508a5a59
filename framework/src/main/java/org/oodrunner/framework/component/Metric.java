package org.oodrunner.framework.component;

/**
 * An OOD detection metric. In-distribution is the positive class and a higher score means
 * "more in-distribution". A metric is a pure function of the two multisets of scores: the
 * framework computes bootstrap intervals by calling it on resamples, from several threads.
 */
public interface Metric {
    double compute(double[] inDistribution, double[] outOfDistribution);

    /** Whether a larger value is a better detector (false for error rates). */
    default boolean higherIsBetter() {
        return true;
    }
}
