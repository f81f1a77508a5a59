package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/**
 * What training does when the loss, the gradient norm, the weights or the validation score stop
 * being finite. Either way the last good checkpoint is kept.
 */
public record DivergenceSpec(
        @Param(doc = "stop: end the run (exit 1, the step named); restart: go back to the last checkpoint with "
                + "a lower learning rate", value = "stop") Action action,
        @Param(doc = "restart: how many restarts before giving up", value = "3", min = 0) int maxRestarts,
        @Param(doc = "restart: each restart multiplies the learning rate by this", value = "0.5", min = 0, max = 1,
                exclusiveMin = true) double lrFactor) {

    /** The default: stop at the first non-finite value. */
    public static final DivergenceSpec STOP = new DivergenceSpec(Action.STOP, 3, 0.5);

    public enum Action {
        STOP,
        RESTART
    }
}
