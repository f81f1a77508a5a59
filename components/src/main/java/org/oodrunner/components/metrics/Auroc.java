package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.RocCurve;

/** Area under the ROC curve: the probability that an in-distribution example outscores an OOD one (ties half). */
public final class Auroc implements Metric {
    @Override
    public double compute(double[] in, double[] out) {
        return RocCurve.of(in, out).auroc();
    }
}
