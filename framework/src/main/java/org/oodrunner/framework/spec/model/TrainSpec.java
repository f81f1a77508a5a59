package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** The training budget and optimiser. */
public record TrainSpec(
        @Param(doc = "training steps; when null, the budget is `epochs`", value = "null", min = 0) Integer steps,
        @Param(doc = "passes over the training set when `steps` is null (fractions allowed)", value = "1", min = 0)
        double epochs,
        @Param(doc = "examples per training step", value = "64", min = 1) int batchSize,
        @Param(doc = "the optimiser and its learning-rate schedule", value = "{}") OptimizerSpec optimizer,
        @Param(doc = "log training metrics every this many steps", value = "50", min = 1) int logEvery) {}
