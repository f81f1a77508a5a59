package org.oodrunner.framework.tf;

/**
 * How a call to {@link Trainer#train} ended.
 *
 * @param state the trainer's state at the end (the step reached, best validation, final metrics)
 * @param resumedFrom the step training resumed from, or -1 when it started afresh
 */
public record TrainingOutcome(TrainerState state, Status status, long resumedFrom) {
    public enum Status {
        /** The budget is spent (in this call or an earlier attempt). */
        FINISHED,
        /** Early stopping ended training. */
        STOPPED_EARLY,
        /** A stop was requested; a checkpoint of the last completed step was saved. */
        INTERRUPTED
    }
}
