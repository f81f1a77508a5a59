package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.RocCurve;

/**
 * The fraction of OOD examples accepted at the highest threshold that still accepts the given
 * fraction of in-distribution examples (FPR at 95% TPR by default). Lower is better.
 */
public final class FprAtTpr implements Metric {
    private final double tpr;

    public FprAtTpr(double tpr) {
        this.tpr = tpr;
    }

    @Override
    public double compute(double[] in, double[] out) {
        return RocCurve.of(in, out).fprAtTpr(tpr);
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }
}
