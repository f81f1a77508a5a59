package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code waic}. */
public record WaicParams(
        @Param(doc = "ensemble size K, the run's own model included; K - 1 models are trained in the run",
                value = "5", min = 2) int models,
        @Param(doc = "training steps of each extra member; null: `epochs`, or the run's own budget when both are null",
                value = "null", min = 1) Integer steps,
        @Param(doc = "passes over the training set per extra member when `steps` is null; null: the run's budget",
                value = "null", min = 0, exclusiveMin = true) Double epochs,
        @Param(doc = "member k (k = 1..K-1) uses the run's seed plus seed_offset + k", value = "100", min = 0)
        long seedOffset) {}
