package org.oodrunner.framework.report;

import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One metric over training steps: a line per model of the run (the run's own, auxiliary ones)
 * for training metrics, a line per set or scorer/OOD set for evaluations made while training.
 */
final class TrainingChart {
    private TrainingChart() {}

    static XYChart of(String metric, List<RunRecord.Curve> curves) {
        return of("Training: " + metric, metric, curves);
    }

    static XYChart of(String title, String metric, List<RunRecord.Curve> curves) {
        XYChart chart = ChartStyle.xyChart(title, "step", metric);
        int i = 0;
        for (RunRecord.Curve c : curves) {
            // A diverged step logs a non-finite value; plot the finite ones.
            int n = 0;
            for (double v : c.values()) if (Double.isFinite(v)) n++;
            if (n == 0) continue;
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0, j = 0; k < c.values().length; k++) {
                if (!Double.isFinite(c.values()[k])) continue;
                x[j] = c.steps()[k];
                y[j++] = c.values()[k];
            }
            XYSeries s = chart.addSeries(c.model(), x, y);
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.line(1.5f));
            s.setMarker(SeriesMarkers.NONE);
            i++;
        }
        return chart;
    }
}
