package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** A first-order optimiser with a learning-rate warm-up and optional gradient clipping. */
public record OptimizerSpec(
        @Param(doc = "adam or adamax", value = "adam") Type type,
        @Param(doc = "peak learning rate", value = "1e-3", min = 0, exclusiveMin = true) double lr,
        @Param(doc = "exponential decay of the first moment", value = "0.9", min = 0, max = 1) double beta1,
        @Param(doc = "exponential decay of the second moment", value = "0.999", min = 0, max = 1) double beta2,
        @Param(doc = "added to the denominator for stability", value = "1e-8", min = 0, exclusiveMin = true) double epsilon,
        @Param(doc = "steps of linear warm-up from 0 to lr", value = "0", min = 0) int warmupSteps,
        @Param(doc = "rescale gradients whose global L2 norm exceeds this; null: no clipping", value = "null",
                min = 0, exclusiveMin = true) Double clipGradNorm) {

    public enum Type {
        ADAM,
        ADAMAX
    }
}
