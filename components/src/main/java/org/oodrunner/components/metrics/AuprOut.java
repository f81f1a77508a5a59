package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.RocCurve;

/** Area under precision-recall (average precision) with OOD as the positive class and the score negated. */
public final class AuprOut implements Metric {
    @Override
    public double compute(double[] in, double[] out) {
        return RocCurve.reversed(in, out).averagePrecision();
    }
}
