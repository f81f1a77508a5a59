package org.oodrunner.framework.report;

import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.oodrunner.framework.metrics.RocCurve;

/** ROC curves of every scorer against one OOD set, with the chance diagonal. */
final class RocChart {
    /** Enough points to look smooth; more only inflate the SVG. */
    static final int MAX_POINTS = 400;

    private RocChart() {}

    /** @param byScorer scorer -> its in-distribution and OOD scores */
    static XYChart of(String inDistribution, String ood, Map<String, double[][]> byScorer) {
        XYChart chart = ChartStyle.xyChart("ROC: " + inDistribution + " (positive) vs " + ood,
                "false positive rate (OOD accepted)", "true positive rate (in-distribution accepted)");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        int i = 0;
        for (Map.Entry<String, double[][]> e : byScorer.entrySet()) {
            RocCurve roc = RocCurve.of(e.getValue()[0], e.getValue()[1]);
            // Every step-th threshold plus the last, after the (0, 0) corner.
            int points = roc.points();
            int step = Math.max(1, (points + MAX_POINTS - 1) / MAX_POINTS);
            java.util.List<Integer> keep = new java.util.ArrayList<>();
            for (int p = 0; p < points; p += step) keep.add(p);
            if (keep.get(keep.size() - 1) != points - 1) keep.add(points - 1);
            double[] x = new double[keep.size() + 1];
            double[] y = new double[keep.size() + 1];
            for (int k = 0; k < keep.size(); k++) {
                x[k + 1] = roc.fpr(keep.get(k));
                y[k + 1] = roc.tpr(keep.get(k));
            }
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (AUROC %.3f)", e.getKey(), roc.auroc()), x, y);
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.line(2f));
            s.setMarker(SeriesMarkers.NONE);
            i++;
        }
        XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        chance.setLineColor(java.awt.Color.GRAY);
        chance.setLineStyle(ChartStyle.dashed());
        chance.setMarker(SeriesMarkers.NONE);
        return chart;
    }
}
