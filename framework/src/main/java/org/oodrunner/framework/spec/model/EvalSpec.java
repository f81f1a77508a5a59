package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** How datasets are scored after training. */
public record EvalSpec(
        @Param(doc = "examples per scoring batch", value = "256", min = 1) int batchSize,
        @Param(doc = "confidence intervals of the metrics", value = "{}") BootstrapSpec bootstrap) {}
