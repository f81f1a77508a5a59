package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.BatchTestResult;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;

/**
 * The typicality test on negative log-likelihoods with known distributions: training and
 * in-distribution NLL ~ N(100, 10^2), OOD NLL ~ N(80, 10^2): the OOD set has the higher
 * likelihood, which raw likelihood gets wrong and the typicality test catches once batches are
 * large enough.
 */
class TypicalityScorerTest {
    private static double[] normal(Random r, int n, double mean, double sd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = mean + sd * r.nextGaussian();
        return v;
    }

    /** A scoring input whose log-likelihoods are minus the given NLLs. */
    private static ScoringInput input(double[] nll) {
        double[] ll = new double[nll.length];
        for (int i = 0; i < ll.length; i++) ll[i] = -nll[i];
        ImageSet images = new ImageSet("set", new ImageShape(1, 1, 1), new byte[nll.length][1], null, 0);
        return new ScoringInput(images, Map.of(Quantity.LOG_LIKELIHOOD, new PerExample(nll.length, 1, ll)));
    }

    @Test
    void thresholdsFalseAlarmsAndDetectionRates() {
        Random r = new Random(42);
        TypicalityScorer scorer = new TypicalityScorer(new TypicalityParams(List.of(1, 4, 16), 0.99, 2000, null));
        scorer.prepare(normal(r, 20000, 100, 10), 7);
        assertEquals(100, scorer.entropy(), 0.3);

        List<BatchTestResult> results = scorer.test(input(normal(r, 4000, 100, 10)), input(normal(r, 4000, 80, 10)), 1);
        assertEquals(3, results.size());
        // The threshold of the mean of M draws: about 2.58 sd / sqrt(M).
        double[] expected = {25.8, 12.9, 6.45};
        for (int k = 0; k < 3; k++) {
            BatchTestResult t = results.get(k);
            assertEquals(expected[k], t.threshold(), 0.12 * expected[k], "threshold at M=" + t.batchSize());
            assertEquals(4000 / t.batchSize(), t.inBatches());
            assertEquals(4000 / t.batchSize(), t.oodBatches());
            assertTrue(t.falseAlarmRate() < 0.04, "false alarms at M=" + t.batchSize() + ": " + t.falseAlarmRate());
        }
        // One input at a time, a 2-sd shift is mostly missed; batches of 16 catch nearly all.
        assertTrue(results.get(0).detectionRate() < 0.4, "M=1: " + results.get(0).detectionRate());
        assertTrue(results.get(1).detectionRate() > results.get(0).detectionRate());
        assertTrue(results.get(2).detectionRate() > 0.95, "M=16: " + results.get(2).detectionRate());
    }

    @Test
    void theThresholdComesFromTheHeldOutNllsAndTheEntropyFromTrainingOnes() {
        // Training NLL ~ N(100, 1), held-out NLL ~ N(100, 10): H is the training mean, and the
        // threshold is the 99% quantile of |mean of M held-out NLLs - H|, about 2.58 * 10 / sqrt(M).
        Random r = new Random(8);
        TypicalityScorer scorer = new TypicalityScorer(new TypicalityParams(List.of(1, 4), 0.99, 4000, null,
                TypicalityParams.ThresholdFrom.VALIDATION));
        double[] training = normal(r, 20000, 100, 1);
        scorer.prepare(training, normal(r, 20000, 100, 10), 3);
        assertEquals(java.util.Arrays.stream(training).average().orElseThrow(), scorer.entropy(), 1e-9);
        List<BatchTestResult> results = scorer.test(input(normal(r, 400, 100, 10)), input(normal(r, 400, 100, 10)), 1);
        assertEquals(25.8, results.get(0).threshold(), 0.08 * 25.8);
        assertEquals(12.9, results.get(1).threshold(), 0.08 * 12.9);
        assertTrue(scorer.needsValidationSet());
        assertTrue(!new TypicalityScorer(new TypicalityParams(List.of(1), 0.99, 100, null,
                TypicalityParams.ThresholdFrom.TRAINING)).needsValidationSet());
    }

    @Test
    void theScoreIsMinusTheDistanceToTheEntropy() {
        TypicalityScorer scorer = new TypicalityScorer(new TypicalityParams(List.of(1), 0.95, 100, null));
        scorer.prepare(new double[] {9, 10, 11}, 1);
        double[] s = scorer.score(input(new double[] {10, 12, 7}));
        assertEquals(0, s[0], 1e-12);
        assertEquals(-2, s[1], 1e-12);
        assertEquals(-3, s[2], 1e-12);
    }

    @Test
    void batchSizesLargerThanASetAreLeftOut() {
        TypicalityScorer scorer = new TypicalityScorer(new TypicalityParams(List.of(2, 50), 0.95, 100, null));
        scorer.prepare(normal(new Random(1), 100, 0, 1), 1);
        List<BatchTestResult> results = scorer.test(input(new double[10]), input(new double[10]), 1);
        assertEquals(1, results.size());
        assertEquals(2, results.get(0).batchSize());
    }

    @Test
    void scoringBeforePreparingIsABug() {
        TypicalityScorer scorer = new TypicalityScorer(new TypicalityParams(List.of(1), 0.95, 100, null));
        assertThrows(IllegalStateException.class, () -> scorer.score(input(new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> new TypicalityParams(List.of(0), 0.95, 100, null));
    }
}
