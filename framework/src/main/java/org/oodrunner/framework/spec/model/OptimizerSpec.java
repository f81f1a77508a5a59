package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/**
 * A first-order optimiser with its learning-rate schedule (linear warm-up, then constant, step
 * or cosine decay), optional gradient clipping and optional decoupled weight decay.
 */
public record OptimizerSpec(
        @Param(doc = "adam or adamax", value = "adam") Type type,
        @Param(doc = "peak learning rate", value = "1e-3", min = 0, exclusiveMin = true) double lr,
        @Param(doc = "exponential decay of the first moment", value = "0.9", min = 0, max = 1) double beta1,
        @Param(doc = "exponential decay of the second moment", value = "0.999", min = 0, max = 1) double beta2,
        @Param(doc = "added to the denominator for stability", value = "1e-8", min = 0, exclusiveMin = true) double epsilon,
        @Param(doc = "steps of linear warm-up from 0 to lr", value = "0", min = 0) int warmupSteps,
        @Param(doc = "rescale gradients whose global L2 norm exceeds this; null: no clipping", value = "null",
                min = 0, exclusiveMin = true) Double clipGradNorm,
        @Param(doc = "after warm-up: constant (lr), step (lr times decay_factor every decay_every steps) or "
                + "cosine (from lr down to min_lr at the last step)", value = "constant") Schedule schedule,
        @Param(doc = "step schedule: steps between decays (counted after warm-up)", value = "null", min = 1)
        Integer decayEvery,
        @Param(doc = "step schedule: factor applied at each decay", value = "0.1", min = 0, max = 1, exclusiveMin = true)
        double decayFactor,
        @Param(doc = "cosine schedule: the learning rate reached at the last step", value = "0", min = 0) double minLr,
        @Param(doc = "decoupled weight decay (AdamW-style, not an L2 loss term): each step multiplies every "
                + "trainable variable by (1 - lr * weight_decay) before the Adam update; 0: off",
                value = "0", min = 0) double weightDecay) {

    public enum Type {
        ADAM,
        ADAMAX
    }

    public enum Schedule {
        CONSTANT,
        STEP,
        COSINE
    }

    /** The options of the first version of this record; the later ones take the spec's defaults. */
    public OptimizerSpec(Type type, double lr, double beta1, double beta2, double epsilon, int warmupSteps,
            Double clipGradNorm) {
        this(type, lr, beta1, beta2, epsilon, warmupSteps, clipGradNorm, Schedule.CONSTANT, null, 0.1, 0, 0);
    }
}
