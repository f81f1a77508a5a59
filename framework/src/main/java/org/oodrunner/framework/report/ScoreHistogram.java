package org.oodrunner.framework.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.oodrunner.framework.run.Summary;

/**
 * The distribution of one score over every dataset of a run, on one figure with shared bins
 * (Nalisnick et al. 2019, Fig. 2): a density histogram per dataset, drawn as translucent steps.
 * The bins span the 0.5%-99.5% quantiles of all finite values; values beyond are counted in the
 * end bins, and the caption says how many.
 */
final class ScoreHistogram {
    static final int BINS = 50;

    private ScoreHistogram() {}

    /** A chart with a caption, from dataset -> values. */
    record Result(XYChart chart, String caption) {}

    static Result of(String scorer, Map<String, double[]> byDataset) {
        List<Double> pooled = new ArrayList<>();
        int infinite = 0;
        for (double[] v : byDataset.values()) {
            for (double x : v) {
                if (Double.isFinite(x)) pooled.add(x);
                else infinite++;
            }
        }
        double[] all = pooled.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(all);
        double lo = all.length == 0 ? 0 : Summary.quantile(all, 0.005);
        double hi = all.length == 0 ? 1 : Summary.quantile(all, 0.995);
        if (!(hi > lo)) {
            double pad = Math.max(1e-9, Math.abs(lo) * 1e-3);
            lo -= pad;
            hi += pad;
        }
        double width = (hi - lo) / BINS;
        XYChart chart = ChartStyle.xyChart("Distribution of " + scorer, scorer, "density");
        chart.getStyler().setXAxisDecimalPattern(ChartStyle.decimalPattern(lo, hi));
        int clipped = 0;
        int i = 0;
        for (Map.Entry<String, double[]> e : byDataset.entrySet()) {
            double[] counts = new double[BINS];
            int n = 0;
            for (double x : e.getValue()) {
                if (!Double.isFinite(x)) continue;
                int bin = (int) Math.floor((x - lo) / width);
                if (bin < 0 || bin >= BINS) clipped++;
                counts[Math.max(0, Math.min(BINS - 1, bin))]++;
                n++;
            }
            if (n == 0) continue;
            // Steps: one point per bin edge holding that bin's density, then the right edge and a drop to 0.
            double[] xs = new double[BINS + 2];
            double[] ys = new double[BINS + 2];
            for (int b = 0; b < BINS; b++) {
                xs[b] = lo + b * width;
                ys[b] = counts[b] / (n * width);
            }
            xs[BINS] = hi;
            ys[BINS] = ys[BINS - 1];
            xs[BINS + 1] = hi;
            ys[BINS + 1] = 0;
            XYSeries s = chart.addSeries(e.getKey() + " (n=" + n + ")", xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
            s.setFillColor(ChartStyle.translucent(i, 70));
            s.setLineColor(ChartStyle.color(i));
            s.setLineStyle(ChartStyle.line(1.5f));
            s.setMarker(SeriesMarkers.NONE);
            i++;
        }
        StringBuilder caption = new StringBuilder(String.format(Locale.ROOT,
                "%s per example for each dataset, density over %d shared bins; higher means more in-distribution.",
                scorer, BINS));
        if (clipped > 0) caption.append(' ').append(clipped).append(" values beyond the 0.5%-99.5% range are counted in the end bins.");
        if (infinite > 0) caption.append(' ').append(infinite).append(" infinite values are not shown.");
        return new Result(chart, caption.toString());
    }
}
