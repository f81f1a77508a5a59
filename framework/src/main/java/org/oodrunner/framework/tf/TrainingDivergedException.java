package org.oodrunner.framework.tf;

import org.oodrunner.framework.errors.RunFailedException;

/**
 * Training produced a non-finite loss, gradient, weight or validation score and could not (or
 * was not asked to) recover. The last good checkpoint stays on disk.
 *
 * @see org.oodrunner.framework.spec.model.DivergenceSpec
 */
public final class TrainingDivergedException extends RunFailedException {
    private final long step;
    private final String reason;
    private final Checkpoints.Checkpoint lastGood;

    public TrainingDivergedException(String message, long step, String reason, Checkpoints.Checkpoint lastGood) {
        super(message);
        this.step = step;
        this.reason = reason;
        this.lastGood = lastGood;
    }

    /** The 1-based step whose values were not finite. */
    public long step() {
        return step;
    }

    /** What was not finite, e.g. "the loss is NaN". */
    public String reason() {
        return reason;
    }

    /** The checkpoint a later attempt resumes from, or null when there is none. */
    public Checkpoints.Checkpoint lastGood() {
        return lastGood;
    }
}
