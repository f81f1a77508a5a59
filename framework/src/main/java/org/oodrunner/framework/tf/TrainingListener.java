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
}
