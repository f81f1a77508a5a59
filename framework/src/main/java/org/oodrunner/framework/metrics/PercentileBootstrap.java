package org.oodrunner.framework.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.run.Summary;

/**
 * Percentile bootstrap confidence intervals for any OOD metric. The in-distribution and OOD
 * scores are resampled independently, each with replacement and at its own size; every metric
 * is computed on the same resamples, so intervals of different metrics (and, with one seed,
 * of different scorers over the same sets) are paired.
 *
 * <p>A resample is drawn as a count per example over the sorted scores, so it comes out sorted
 * in O(n) and the metric's own sort is near-linear. Resamples run in parallel; each has its own
 * random stream derived from (seed, index), so the result does not depend on the thread count.
 */
public final class PercentileBootstrap {
    private final int resamples;
    private final double level;
    private final long seed;

    public PercentileBootstrap(int resamples, double level, long seed) {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        if (!(level > 0 && level <= 1)) throw new IllegalArgumentException("level must be in (0, 1], got " + level);
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    public int resamples() {
        return resamples;
    }

    public double level() {
        return level;
    }

    /** An interval per metric, in the order given. */
    public Map<String, ConfidenceInterval> intervals(Map<String, Metric> metrics, double[] in, double[] out) {
        if (in.length == 0 || out.length == 0) {
            throw new IllegalArgumentException("a bootstrap needs scores for both sets (got " + in.length
                    + " in-distribution and " + out.length + " OOD)");
        }
        List<String> names = List.copyOf(metrics.keySet());
        Metric[] ms = names.stream().map(metrics::get).toArray(Metric[]::new);
        double[] sortedIn = sorted(in);
        double[] sortedOut = sorted(out);
        double[][] values = new double[ms.length][resamples];
        IntStream.range(0, resamples).parallel().forEach(r -> {
            SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + r));
            double[] a = resample(sortedIn, random);
            double[] b = resample(sortedOut, random);
            for (int m = 0; m < ms.length; m++) values[m][r] = ms[m].compute(a, b);
        });
        Map<String, ConfidenceInterval> result = new LinkedHashMap<>();
        double tail = (1 - level) / 2;
        for (int m = 0; m < ms.length; m++) {
            double[] v = values[m];
            Arrays.sort(v);
            result.put(names.get(m), new ConfidenceInterval(Summary.quantile(v, tail), Summary.quantile(v, 1 - tail),
                    level, resamples));
        }
        return result;
    }

    /** n draws with replacement from sorted values, returned sorted. */
    static double[] resample(double[] sortedValues, SplittableRandom random) {
        int n = sortedValues.length;
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) counts[random.nextInt(n)]++;
        double[] out = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int c = counts[i]; c > 0; c--) out[k++] = sortedValues[i];
        }
        return out;
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
