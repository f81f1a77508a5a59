package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.RocCurve;

/**
 * The lowest average of the two error rates over all thresholds, min_t ½(1 − TPR) + ½FPR
 * (Liang et al. 2018): the error of the best single threshold when both sets are equally
 * likely. 0.5 is chance; lower is better.
 */
public final class DetectionError implements Metric {
    @Override
    public double compute(double[] in, double[] out) {
        return RocCurve.of(in, out).detectionError();
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }
}
