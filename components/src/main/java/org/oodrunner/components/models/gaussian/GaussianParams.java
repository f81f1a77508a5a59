package org.oodrunner.components.models.gaussian;

import org.oodrunner.framework.component.Param;

/** Parameters of the independent per-pixel baseline. */
public record GaussianParams(
        @Param(doc = "the per-value distribution: gaussian or logistic", value = "gaussian") Distribution distribution,
        @Param(doc = "initial scale of every value's distribution", value = "0.3", min = 0, exclusiveMin = true)
        double initialScale) {

    public enum Distribution {
        GAUSSIAN,
        LOGISTIC
    }
}
