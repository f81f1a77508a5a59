package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Early stopping on the validation set's bits/dim (its loss for models without a likelihood). */
public record EarlyStoppingSpec(
        @Param(doc = "stop after this many evaluations in a row without improvement", value = "5", min = 1)
        int patience,
        @Param(doc = "an evaluation improves when it is lower than the best so far by more than this (bits/dim)",
                value = "0", min = 0) double minDelta,
        @Param(doc = "end with the weights of the best evaluation rather than the last step", value = "true")
        boolean restoreBest) {}
