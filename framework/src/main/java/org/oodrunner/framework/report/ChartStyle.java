package org.oodrunner.framework.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The one look of every plot: white background, light grid, a colour-blind-safe palette. */
final class ChartStyle {
    static final int WIDTH = 820;
    static final int HEIGHT = 480;

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)
    };

    private ChartStyle() {}

    static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        var s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(200, 200, 200));
        s.setPlotGridLinesColor(new Color(232, 232, 232));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(220, 220, 220));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setMarkerSize(0);
        s.setAntiAlias(true);
        s.setChartTitleBoxVisible(false);
        return chart;
    }

    /**
     * A tick-label pattern for an axis spanning {@code [lo, hi]}: enough decimals to tell ticks
     * apart, no more (XChart's default prints every digit of a double).
     */
    static String decimalPattern(double lo, double hi) {
        double span = Math.abs(hi - lo);
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (magnitude >= 1e6 || (magnitude > 0 && magnitude < 1e-3)) return "0.##E0";
        if (span >= 50) return "#,##0";
        if (span >= 5) return "#,##0.#";
        if (span >= 0.5) return "#,##0.##";
        int decimals = (int) Math.min(8, Math.ceil(-Math.log10(Math.max(span, 1e-12))) + 2);
        return "0." + "#".repeat(decimals);
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    static Color translucent(int i, int alpha) {
        Color c = color(i);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static BasicStroke line(float width) {
        return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static BasicStroke dashed() {
        return new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }
}
