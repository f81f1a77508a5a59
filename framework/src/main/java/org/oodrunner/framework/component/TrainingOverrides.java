package org.oodrunner.framework.component;

/**
 * What an auxiliary model's training changes from the run's own settings; a null field keeps
 * the run's value.
 *
 * @param steps training steps; null: {@code epochs}, or the run's own budget when both are null
 * @param epochs passes over the auxiliary training set when {@code steps} is null
 * @param weightDecay the optimiser's decoupled weight decay (see {@code train.optimizer.weight_decay}),
 *     e.g. to keep a likelihood ratio's background model from learning more than low-level statistics
 */
public record TrainingOverrides(Integer steps, Double epochs, Double weightDecay) {
    /** The run's settings unchanged. */
    public static final TrainingOverrides NONE = new TrainingOverrides(null, null, null);

    public TrainingOverrides {
        if (steps != null && steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        if (epochs != null && !(epochs > 0)) throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        if (weightDecay != null && !(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be at least 0, got " + weightDecay);
        }
    }
}
