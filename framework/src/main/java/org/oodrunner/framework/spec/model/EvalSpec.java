package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** How datasets are scored after training, and optionally while training. */
public record EvalSpec(
        @Param(doc = "examples per scoring batch", value = "256", min = 1) int batchSize,
        @Param(doc = "confidence intervals of the metrics", value = "{}") BootstrapSpec bootstrap,
        @Param(doc = "score the test set and every OOD set before training, every this many training steps and at the end "
                + "(bits/dim per set and the metrics of every scorer that trains no auxiliary model), logged as "
                + "eval/... histories; null: only after training", value = "null", min = 1) Integer every,
        @Param(doc = "with `every`: score only a fixed random subset of each set (and of the training set for "
                + "scorers that prepare on it), drawn from the seed; below 1 a fraction, otherwise a count; null: "
                + "whole sets", value = "null", min = 0, exclusiveMin = true) Double everyLimit) {

    /** The options of the first version of this record; the later ones take the spec's defaults. */
    public EvalSpec(int batchSize, BootstrapSpec bootstrap) {
        this(batchSize, bootstrap, null, null);
    }
}
