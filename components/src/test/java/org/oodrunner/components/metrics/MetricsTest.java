package org.oodrunner.components.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The four OOD metrics on hand-computed cases, and AUROC against an independent pairwise count
 * on random scores. In-distribution is the positive class; higher scores are "more in".
 */
class MetricsTest {
    private final Auroc auroc = new Auroc();
    private final AuprIn auprIn = new AuprIn();
    private final AuprOut auprOut = new AuprOut();
    private final FprAtTpr fpr95 = new FprAtTpr(0.95);

    @Test
    void perfectSeparation() {
        double[] in = {5, 6, 7};
        double[] out = {1, 2};
        assertEquals(1.0, auroc.compute(in, out));
        assertEquals(1.0, auprIn.compute(in, out));
        assertEquals(1.0, auprOut.compute(in, out));
        assertEquals(0.0, fpr95.compute(in, out));
    }

    @Test
    void reversedSeparation() {
        double[] in = {1, 2};
        double[] out = {5, 6, 7};
        assertEquals(0.0, auroc.compute(in, out));
        assertEquals(1.0, fpr95.compute(in, out));
        // Ranked 7o 6o 5o 2i 1i: the two recall steps come at precision 1/4 and 2/5.
        assertEquals(0.5 * (1.0 / 4) + 0.5 * (2.0 / 5), auprIn.compute(in, out), 1e-12);
        // Negated, -1i -2i -5o -6o -7o: the OOD recall steps at precision 1/3, 2/4, 3/5.
        assertEquals((1.0 / 3 + 2.0 / 4 + 3.0 / 5) / 3, auprOut.compute(in, out), 1e-12);
    }

    @Test
    void allEqualScoresAreChance() {
        double[] in = {3, 3, 3, 3};
        double[] out = {3, 3};
        assertEquals(0.5, auroc.compute(in, out));
        assertEquals(4.0 / 6, auprIn.compute(in, out), 1e-12);
        assertEquals(2.0 / 6, auprOut.compute(in, out), 1e-12);
        assertEquals(1.0, fpr95.compute(in, out));
    }

    @Test
    void tiesCountHalf() {
        // Pairs (in, out): (2,1) win, (2,2) tie, (2,3) loss, (4,*) three wins -> (4 + 0.5) / 6.
        assertEquals(4.5 / 6, auroc.compute(new double[] {2, 4}, new double[] {1, 2, 3}), 1e-12);
    }

    @Test
    void handComputedAveragePrecisionAndFpr() {
        // Ranked: 0.9 in, 0.8 out, 0.7 in, 0.6 in, 0.5 out.
        double[] in = {0.9, 0.7, 0.6};
        double[] out = {0.8, 0.5};
        // AP(in) = 1/3 * (1/1 + 2/3 + 3/4)
        assertEquals((1.0 + 2.0 / 3 + 3.0 / 4) / 3, auprIn.compute(in, out), 1e-12);
        // Negated ranking: 0.5 out, 0.6 in, 0.7 in, 0.8 out, 0.9 in -> AP(out) = 1/2 * (1/1 + 2/4)
        assertEquals((1.0 + 2.0 / 4) / 2, auprOut.compute(in, out), 1e-12);
        // TPR reaches 0.95 only when all three in are accepted (threshold 0.6): one OOD accepted of two.
        assertEquals(0.5, fpr95.compute(in, out), 1e-12);
        // TPR 2/3 is reached at threshold 0.7, where one OOD (0.8) is accepted.
        assertEquals(0.5, new FprAtTpr(0.6).compute(in, out), 1e-12);
        assertEquals(0.0, new FprAtTpr(0.3).compute(in, out), 1e-12);
        assertEquals(4.0 / 6, auroc.compute(in, out), 1e-12);
    }

    @Test
    void aurocMatchesThePairwiseCountOnRandomScores() {
        Random random = new Random(12345);
        for (int trial = 0; trial < 1000; trial++) {
            int n = 1 + random.nextInt(40);
            int m = 1 + random.nextInt(40);
            double[] in = new double[n];
            double[] out = new double[m];
            // Coarse values make ties common.
            for (int i = 0; i < n; i++) in[i] = random.nextInt(12) + random.nextGaussian() * (trial % 2);
            for (int j = 0; j < m; j++) out[j] = random.nextInt(10) + random.nextGaussian() * (trial % 2);
            assertEquals(pairwiseAuroc(in, out), auroc.compute(in, out), 1e-12, "trial " + trial);
            assertEquals(pairwiseAuroc(negate(out), negate(in)), auroc.compute(negate(out), negate(in)), 1e-12);
        }
    }

    @Test
    void fprAtTprMatchesADirectThresholdSearchOnRandomScores() {
        Random random = new Random(7);
        for (int trial = 0; trial < 1000; trial++) {
            double[] in = new double[1 + random.nextInt(30)];
            double[] out = new double[1 + random.nextInt(30)];
            for (int i = 0; i < in.length; i++) in[i] = random.nextInt(15);
            for (int j = 0; j < out.length; j++) out[j] = random.nextInt(15);
            assertEquals(directFpr(in, out, 0.95), fpr95.compute(in, out), 1e-12, "trial " + trial);
        }
    }

    @Test
    void emptyOrNaNScoresAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> auroc.compute(new double[0], new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> auroc.compute(new double[] {Double.NaN}, new double[] {1}));
    }

    /** P(in > out) + P(in = out) / 2 by counting every pair. */
    static double pairwiseAuroc(double[] in, double[] out) {
        double wins = 0;
        for (double a : in) {
            for (double b : out) {
                if (a > b) wins += 1;
                else if (a == b) wins += 0.5;
            }
        }
        return wins / ((double) in.length * out.length);
    }

    /** Tries every candidate threshold: the highest one accepting >= tpr of in; the fraction of out accepted. */
    static double directFpr(double[] in, double[] out, double tpr) {
        double best = Double.NEGATIVE_INFINITY;
        for (double t : in) {
            long accepted = java.util.Arrays.stream(in).filter(v -> v >= t).count();
            if (accepted >= tpr * in.length - 1e-9 && t > best) best = t;
        }
        final double threshold = best;
        return java.util.Arrays.stream(out).filter(v -> v >= threshold).count() / (double) out.length;
    }

    private static double[] negate(double[] a) {
        double[] o = new double[a.length];
        for (int i = 0; i < a.length; i++) o[i] = -a[i];
        return o;
    }
}
