package org.oodrunner.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.Metric;

/**
 * Bootstrap intervals reach their nominal coverage on simulated scores whose true metric values
 * are known in closed form: in-distribution scores ~ N(mu, s^2), OOD scores ~ N(0, 1), so
 * AUROC = P(in > ood) = Phi(mu / sqrt(1 + s^2)) and, at the threshold t = mu + s z_0.05 that
 * keeps 95% of the in-distribution scores, FPR@95%TPR = 1 - Phi(t). Each replication draws
 * fresh sets and asks whether its interval holds the true value; the count of hits over R
 * replications is binomial(R, level) when the intervals are right, and the test accepts the
 * observed coverage within Z standard deviations of that binomial. An interval that is really
 * a 90% one (coverage 0.90) lies more than Z standard deviations below 0.95 at this R.
 */
class PercentileBootstrapCoverageTest {
    private static final double MU = 1.0;
    private static final double S = 1.5;
    /** Two-sided 0.001 quantile of the standard normal: a fixed test is wrong by chance once in a thousand. */
    private static final double Z = 3.29;

    private static final Map<String, Metric> METRICS = Map.of(
            "auroc", (in, out) -> RocCurve.of(in, out).auroc(),
            "fpr_at_95_tpr", (in, out) -> RocCurve.of(in, out).fprAtTpr(0.95));

    static double trueAuroc() {
        return phi(MU / Math.sqrt(1 + S * S));
    }

    static double trueFprAt95() {
        double threshold = MU + S * -1.6448536269514722; // the 5% quantile of N(MU, S^2)
        return 1 - phi(threshold);
    }

    @Test
    void theClosedFormsAreRightOnALargeSample() {
        // The formulas the coverage test trusts, checked by brute force on 400,000 draws per set.
        double[][] s = draw(400_000, new SplittableRandom(3));
        assertEquals(trueAuroc(), RocCurve.of(s[0], s[1]).auroc(), 0.003);
        assertEquals(trueFprAt95(), RocCurve.of(s[0], s[1]).fprAtTpr(0.95), 0.003);
    }

    @Test
    void ninetyFivePercentIntervalsHoldTheTrueValueNinetyFivePercentOfTheTime() {
        // At n = 400 per set the percentile interval of AUROC still covers about 0.935: the
        // sets must be large enough for the bootstrap's asymptotics before nominal coverage is due.
        int replications = 500;
        int n = 1000;
        double level = 0.95;
        Map<String, Double> truth = Map.of("auroc", trueAuroc(), "fpr_at_95_tpr", trueFprAt95());
        Map<String, int[]> hits = Map.of("auroc", new int[1], "fpr_at_95_tpr", new int[1]);
        SplittableRandom random = new SplittableRandom(20261207);
        for (int r = 0; r < replications; r++) {
            double[][] s = draw(n, random);
            Map<String, ConfidenceInterval> ci = new PercentileBootstrap(300, level, r).intervals(METRICS, s[0], s[1]);
            truth.forEach((name, value) -> {
                if (ci.get(name).contains(value)) hits.get(name)[0]++;
            });
        }
        double spread = Math.sqrt(level * (1 - level) / replications);
        for (String name : truth.keySet()) {
            double coverage = (double) hits.get(name)[0] / replications;
            assertTrue(Math.abs(coverage - level) <= Z * spread, name + ": coverage " + coverage + " over " + replications
                    + " replications, expected " + level + " +- " + Z * spread + " (binomial, " + Z + " sd)");
        }
    }

    @Test
    void widthsShrinkAsOneOverRootN() {
        // Quadrupling n halves the width. The tolerance is Z standard errors of the ratio of mean
        // widths, estimated from the replications themselves (delta method).
        int replications = 120;
        double[] small = widths(250, replications, 5);
        double[] large = widths(1000, replications, 6);
        double ms = mean(small);
        double ml = mean(large);
        double ratio = ms / ml;
        double se = ratio * Math.sqrt(variance(small) / (replications * ms * ms) + variance(large) / (replications * ml * ml));
        assertTrue(Math.abs(ratio - 2) <= Z * se, "width ratio n=250 / n=1000: " + ratio + ", expected 2 +- " + Z * se);
    }

    private static double[] widths(int n, int replications, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[replications];
        for (int r = 0; r < replications; r++) {
            double[][] s = draw(n, random);
            ConfidenceInterval ci = new PercentileBootstrap(400, 0.95, r).intervals(Map.of("auroc", METRICS.get("auroc")),
                    s[0], s[1]).get("auroc");
            w[r] = ci.high() - ci.low();
        }
        return w;
    }

    private static double[][] draw(int n, SplittableRandom random) {
        double[] in = new double[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = MU + S * gaussian(random);
            out[i] = gaussian(random);
        }
        return new double[][] {in, out};
    }

    /** Box-Muller, so the draws depend on the seed alone. */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return s / (v.length - 1);
    }

    /** The standard normal CDF through erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
    static double phi(double x) {
        return 0.5 * erfc(-x / Math.sqrt(2));
    }

    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
