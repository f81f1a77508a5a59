package org.oodrunner.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Metric;

/** Bootstrap intervals: they contain the estimate, shrink as the sets grow, and depend only on the seed. */
class PercentileBootstrapTest {
    private static Map<String, Metric> metrics() {
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("auroc", (in, out) -> RocCurve.of(in, out).auroc());
        m.put("aupr_in", (in, out) -> RocCurve.of(in, out).averagePrecision());
        m.put("aupr_out", (in, out) -> RocCurve.reversed(in, out).averagePrecision());
        m.put("fpr_at_95_tpr", (in, out) -> RocCurve.of(in, out).fprAtTpr(0.95));
        m.put("detection_error", (in, out) -> RocCurve.of(in, out).detectionError());
        return m;
    }

    /** n in-distribution scores ~ N(shift, 1) and n OOD scores ~ N(0, 1). */
    private static double[][] scores(int n, double shift, long seed) {
        Random r = new Random(seed);
        double[] in = new double[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = r.nextGaussian() + shift;
            out[i] = r.nextGaussian();
        }
        return new double[][] {in, out};
    }

    @Test
    void intervalsContainThePointEstimate() {
        PercentileBootstrap bootstrap = new PercentileBootstrap(400, 0.95, 7);
        for (double shift : new double[] {0.0, 0.5, 1.5}) {
            for (int n : new int[] {100, 1000}) {
                double[][] s = scores(n, shift, 31L * n + (long) (10 * shift));
                Map<String, ConfidenceInterval> ci = bootstrap.intervals(metrics(), s[0], s[1]);
                metrics().forEach((name, metric) -> {
                    double value = metric.compute(s[0], s[1]);
                    ConfidenceInterval i = ci.get(name);
                    assertTrue(i.contains(value), name + " at shift " + shift + ", n " + n + ": " + value + " not in " + i);
                    assertTrue(i.low() <= i.high());
                    assertEquals(0.95, i.level());
                    assertEquals(400, i.resamples());
                });
            }
        }
    }

    @Test
    void intervalsShrinkRoughlyAsOneOverRootN() {
        PercentileBootstrap bootstrap = new PercentileBootstrap(400, 0.95, 11);
        double[][] small = scores(100, 1.0, 1);
        double[][] large = scores(1600, 1.0, 2);
        Map<String, ConfidenceInterval> a = bootstrap.intervals(metrics(), small[0], small[1]);
        Map<String, ConfidenceInterval> b = bootstrap.intervals(metrics(), large[0], large[1]);
        for (String name : metrics().keySet()) {
            double ratio = a.get(name).width() / b.get(name).width();
            // 16x the data: sqrt(16) = 4x narrower; allow for bootstrap noise.
            assertTrue(ratio > 2.5 && ratio < 6.5, name + ": width ratio " + ratio);
        }
    }

    @Test
    void theSameSeedGivesTheSameIntervalsAndAnotherSeedOthers() {
        double[][] s = scores(300, 0.7, 3);
        Map<String, ConfidenceInterval> a = new PercentileBootstrap(200, 0.9, 5).intervals(metrics(), s[0], s[1]);
        Map<String, ConfidenceInterval> b = new PercentileBootstrap(200, 0.9, 5).intervals(metrics(), s[0], s[1]);
        Map<String, ConfidenceInterval> c = new PercentileBootstrap(200, 0.9, 6).intervals(metrics(), s[0], s[1]);
        assertEquals(a, b);
        assertTrue(!a.get("auroc").equals(c.get("auroc")));
    }

    @Test
    void aHigherLevelGivesAWiderInterval() {
        double[][] s = scores(500, 0.5, 4);
        double w90 = new PercentileBootstrap(500, 0.90, 8).intervals(metrics(), s[0], s[1]).get("auroc").width();
        double w99 = new PercentileBootstrap(500, 0.99, 8).intervals(metrics(), s[0], s[1]).get("auroc").width();
        assertTrue(w99 > w90, w99 + " vs " + w90);
    }

    @Test
    void aResampleIsSortedAndDrawnFromTheValues() {
        double[] sorted = {-2, -1, 0.5, 3, 3, 8};
        double[] r = PercentileBootstrap.resample(sorted, new SplittableRandom(1));
        assertEquals(sorted.length, r.length);
        for (int i = 1; i < r.length; i++) assertTrue(r[i - 1] <= r[i]);
        for (double v : r) assertTrue(java.util.Arrays.stream(sorted).anyMatch(x -> x == v));
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PercentileBootstrap(0, 0.95, 1));
        assertThrows(IllegalArgumentException.class, () -> new PercentileBootstrap(10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new PercentileBootstrap(10, 1.5, 1));
    }
}
