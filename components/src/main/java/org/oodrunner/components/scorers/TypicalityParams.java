package org.oodrunner.components.scorers;

import java.util.List;
import org.oodrunner.framework.component.Param;

/** Parameters of {@code typicality}. */
public record TypicalityParams(
        @Param(doc = "batch sizes M of the batch-level test; one threshold and detection rate each",
                value = "[1, 2, 5, 10, 25, 50]") List<Integer> batchSizes,
        @Param(doc = "quantile of the bootstrapped training statistic used as threshold (1 - false alarm rate)",
                value = "0.99", min = 0, max = 1, exclusiveMin = true) double quantile,
        @Param(doc = "bootstrap batches drawn from the training data per batch size", value = "1000", min = 10)
        int bootstrapBatches,
        @Param(doc = "training examples (a random subset) evaluated for the entropy estimate and the bootstrap; null: all",
                value = "null", min = 1) Integer trainingExamples,
        @Param(doc = "where the threshold's bootstrap batches come from: validation (data.validation, held out of "
                + "training, as Nalisnick et al.'s Algorithm 1) or training (the training NLLs that also give the "
                + "entropy: thresholds come out too tight)", value = "validation") ThresholdFrom thresholdFrom) {

    /** The data the threshold is bootstrapped from. */
    public enum ThresholdFrom {
        VALIDATION,
        TRAINING
    }

    /** The options before {@code threshold_from}: the threshold from the training set. */
    public TypicalityParams(List<Integer> batchSizes, double quantile, int bootstrapBatches, Integer trainingExamples) {
        this(batchSizes, quantile, bootstrapBatches, trainingExamples, ThresholdFrom.TRAINING);
    }

    public TypicalityParams {
        batchSizes = List.copyOf(batchSizes);
        for (int m : batchSizes) {
            if (m < 1) throw new IllegalArgumentException("batch sizes must be at least 1, got " + m);
        }
    }
}
