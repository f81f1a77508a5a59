package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code fpr_at_95_tpr}. */
public record FprAtTprParams(
        @Param(doc = "the true positive rate at which the false positive rate is read", value = "0.95",
                min = 0, max = 1, exclusiveMin = true) double tpr) {}
