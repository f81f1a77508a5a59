package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** The training budget, optimiser, validation, checkpoints and what to do when training diverges. */
public record TrainSpec(
        @Param(doc = "training steps; when null, the budget is `epochs`", value = "null", min = 0) Integer steps,
        @Param(doc = "passes over the training set when `steps` is null (fractions allowed)", value = "1", min = 0)
        double epochs,
        @Param(doc = "examples per training step", value = "64", min = 1) int batchSize,
        @Param(doc = "the optimiser and its learning-rate schedule", value = "{}") OptimizerSpec optimizer,
        @Param(doc = "log training metrics every this many steps", value = "50", min = 1) int logEvery,
        @Param(doc = "evaluate on the validation set (data.validation) every this many steps and at the end; "
                + "null: once per epoch", value = "null", min = 1) Integer evalEvery,
        @Param(doc = "save a checkpoint every this many steps (one is also saved at the start, at the end and "
                + "when interrupted); 0: only those", value = "1000", min = 0) int checkpointEvery,
        @Param(doc = "stop when validation bits/dim has not improved for a while; null: train the whole budget",
                value = "null") EarlyStoppingSpec earlyStopping,
        @Param(doc = "what to do when the loss or the gradient stops being finite", value = "{}")
        DivergenceSpec onDivergence,
        @Param(doc = "how many of the newest checkpoints to keep (besides the best); a run resumes from the newest "
                + "intact one, so a damaged latest falls back to the one before", value = "2", min = 2)
        int keepCheckpoints) {

    /** The options of the first version of this record; the later ones take the spec's defaults. */
    public TrainSpec(Integer steps, double epochs, int batchSize, OptimizerSpec optimizer, int logEvery) {
        this(steps, epochs, batchSize, optimizer, logEvery, null, 1000, null, DivergenceSpec.STOP);
    }

    /** The options before {@code keep_checkpoints}, which takes its default. */
    public TrainSpec(Integer steps, double epochs, int batchSize, OptimizerSpec optimizer, int logEvery,
            Integer evalEvery, int checkpointEvery, EarlyStoppingSpec earlyStopping, DivergenceSpec onDivergence) {
        this(steps, epochs, batchSize, optimizer, logEvery, evalEvery, checkpointEvery, earlyStopping, onDivergence,
                2);
    }
}
