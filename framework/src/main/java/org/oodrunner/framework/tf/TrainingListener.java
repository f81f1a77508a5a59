package org.oodrunner.framework.tf;

import java.util.Map;

/** Hears about training as it happens (logging, progress display). */
public interface TrainingListener {
    /** Called every {@code log_every} steps and at the last step, with the step's scalar metrics. */
    void onLog(long step, long totalSteps, Map<String, Double> metrics);

    /**
     * Called after each evaluation on the validation set, with its metrics: {@code bits_per_dim},
     * or a classifier's {@code cross_entropy} (with {@code accuracy} and {@code ece}), or {@code loss}.
     */
    default void onValidation(long step, Map<String, Double> metrics) {}

    /** Steps between calls of {@link #onEvaluation}; 0: never. */
    default long evaluationEvery() {
        return 0;
    }

    /**
     * Called at step 0 of a fresh run (after the data-dependent initialisation), every
     * {@link #evaluationEvery()} steps (before that step's validation and
     * checkpoint, so a checkpoint counts what it logs) and once with the weights training ends
     * with (after the best ones are restored, before the final checkpoint), never twice for
     * one step: the place for evaluations made while training ({@code eval.every}).
     */
    default void onEvaluation(long step) {}
}
