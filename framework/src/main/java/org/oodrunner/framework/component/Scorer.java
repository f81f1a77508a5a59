package org.oodrunner.framework.component;

import java.util.Set;

/**
 * Turns what a model computed into one OOD score per example, higher meaning "more
 * in-distribution".
 */
public interface Scorer {
    /** The model quantities this scorer reads. */
    Set<Quantity> requires();

    /**
     * Called once per run, after training and before any {@link #score}: a scorer that needs
     * more than the run model's quantities (statistics of the training data, extra models
     * trained for it) gets them here.
     */
    default void prepare(ScorerPreparation preparation) {}

    /** One score per example of {@code input.images()}. */
    double[] score(ScoringInput input);
}
