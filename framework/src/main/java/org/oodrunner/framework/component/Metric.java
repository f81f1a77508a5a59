package org.oodrunner.framework.component;

/**
 * An OOD detection metric. In-distribution is the positive class and a higher score means
 * "more in-distribution".
 */
public interface Metric {
    double compute(double[] inDistribution, double[] outOfDistribution);

    /** Whether a larger value is a better detector (false for error rates). */
    default boolean higherIsBetter() {
        return true;
    }
}
