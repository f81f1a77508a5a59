package org.oodrunner.components.scorers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.oodrunner.framework.component.BatchTest;
import org.oodrunner.framework.component.BatchTestResult;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Subsets;

/**
 * The typicality test of Nalisnick et al. (2019b). High-dimensional samples of a model lie in its
 * typical set, where -log p(x) is close to the entropy H, not at the mode. A batch of M inputs is
 * declared OOD when |(1/M) sum -log p(x_m) - H| exceeds a threshold; H is estimated by the mean
 * negative log-likelihood of training data and the threshold is the {@code quantile} of the same
 * statistic over batches bootstrapped from held-out validation data (Algorithm 1 of the paper;
 * {@code data.validation}, never trained on). {@code threshold_from: training} bootstraps from the
 * training NLLs instead, which also gave H: the statistic is then centred on its own sample and
 * the threshold is too tight for unseen in-distribution data (more false alarms than nominal).
 *
 * <p>Per example (the test with M = 1) the score is -|-log p(x) - H|. Per batch size, the run
 * reports the detection rate on disjoint batches of each OOD set and the false-alarm rate on the
 * in-distribution test set.
 */
public final class TypicalityScorer implements Scorer, BatchTest {
    private final TypicalityParams params;
    private double entropy = Double.NaN;
    private double[] thresholds;

    public TypicalityScorer(TypicalityParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public boolean needsValidationSet() {
        return params.thresholdFrom() == TypicalityParams.ThresholdFrom.VALIDATION;
    }

    @Override
    public void prepare(ScorerPreparation preparation) {
        ImageSet train = preparation.trainingSet();
        if (params.trainingExamples() != null) {
            train = Subsets.limit(train, params.trainingExamples().doubleValue(), preparation.seed());
        }
        double[] nll = nll(preparation, train);
        if (needsValidationSet()) {
            ImageSet validation = preparation.validationSet().orElseThrow(() -> new IllegalStateException(
                    "typicality bootstraps its threshold on data.validation (the planner checks it is set)"));
            prepare(nll, nll(preparation, validation), preparation.seed());
        } else {
            prepare(nll, nll, preparation.seed());
        }
    }

    private static double[] nll(ScorerPreparation preparation, ImageSet set) {
        return negate(preparation.runModel().evaluate(set, Set.of(Quantity.LOG_LIKELIHOOD)).get(Quantity.LOG_LIKELIHOOD)
                .column());
    }

    /** The training-set variant: H and the thresholds from the same training NLLs. */
    void prepare(double[] trainingNll, long seed) {
        prepare(trainingNll, trainingNll, seed);
    }

    /**
     * Estimates H from training negative log-likelihoods and bootstraps one threshold per batch
     * size from {@code thresholdNll} (held-out data, or the training NLLs again).
     */
    void prepare(double[] trainingNll, double[] thresholdNll, long seed) {
        entropy = Arrays.stream(trainingNll).average().orElseThrow();
        thresholds = new double[params.batchSizes().size()];
        SplittableRandom random = new SplittableRandom(seed ^ 0x7E57L);
        for (int k = 0; k < thresholds.length; k++) {
            int m = params.batchSizes().get(k);
            double[] stats = new double[params.bootstrapBatches()];
            for (int b = 0; b < stats.length; b++) {
                double sum = 0;
                for (int i = 0; i < m; i++) sum += thresholdNll[random.nextInt(thresholdNll.length)];
                stats[b] = Math.abs(sum / m - entropy);
            }
            Arrays.sort(stats);
            thresholds[k] = org.oodrunner.framework.run.Summary.quantile(stats, params.quantile());
        }
    }

    double entropy() {
        return entropy;
    }

    @Override
    public double[] score(ScoringInput input) {
        requirePrepared();
        double[] ll = input.get(Quantity.LOG_LIKELIHOOD).column();
        double[] out = new double[ll.length];
        for (int i = 0; i < ll.length; i++) out[i] = -Math.abs(-ll[i] - entropy);
        return out;
    }

    @Override
    public List<BatchTestResult> test(ScoringInput inDistribution, ScoringInput ood, long seed) {
        requirePrepared();
        double[] in = negate(inDistribution.get(Quantity.LOG_LIKELIHOOD).column());
        double[] out = negate(ood.get(Quantity.LOG_LIKELIHOOD).column());
        List<BatchTestResult> results = new ArrayList<>();
        for (int k = 0; k < thresholds.length; k++) {
            int m = params.batchSizes().get(k);
            if (in.length < m || out.length < m) continue;
            int[] inFlags = flagged(in, m, thresholds[k], new SplittableRandom(seed + 31L * m));
            int[] outFlags = flagged(out, m, thresholds[k], new SplittableRandom(seed + 31L * m + 1));
            results.add(new BatchTestResult(m, thresholds[k], inFlags[1], outFlags[1], (double) inFlags[0] / inFlags[1],
                    (double) outFlags[0] / outFlags[1]));
        }
        return results;
    }

    /** {flagged, batches} over floor(n/m) disjoint batches of a random permutation. */
    private int[] flagged(double[] nll, int m, double threshold, SplittableRandom random) {
        int[] order = new int[nll.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int batches = nll.length / m;
        int flagged = 0;
        for (int b = 0; b < batches; b++) {
            double sum = 0;
            for (int i = 0; i < m; i++) sum += nll[order[b * m + i]];
            if (Math.abs(sum / m - entropy) > threshold) flagged++;
        }
        return new int[] {flagged, batches};
    }

    private void requirePrepared() {
        if (thresholds == null) throw new IllegalStateException("typicality scores only after prepare()");
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = -v[i];
        return out;
    }
}
