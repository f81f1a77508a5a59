package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.RocCurve;

/** Area under precision-recall (average precision) with in-distribution as the positive class. */
public final class AuprIn implements Metric {
    @Override
    public double compute(double[] in, double[] out) {
        return RocCurve.of(in, out).averagePrecision();
    }
}
