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

    /**
     * True when the score compares the log-likelihoods of separately trained models (an
     * ensemble's spread): meaningless unless every model's likelihood is normalised, so the
     * planner refuses it for a model whose {@link Model#normalizedLikelihood()} is false.
     */
    default boolean comparesModelsLikelihoods() {
        return false;
    }

    /**
     * True when {@link #prepare} trains auxiliary models ({@link ScorerPreparation#trainAuxiliary}):
     * such a scorer is left out of the evaluations made while training ({@code eval.every}), where
     * training another model at every evaluation would cost more than the run itself.
     */
    default boolean trainsAuxiliaryModels() {
        return false;
    }

    /**
     * True when {@link #prepare} needs held-out data ({@link ScorerPreparation#validationSet()}):
     * the planner then refuses a spec without {@code data.validation}.
     */
    default boolean needsValidationSet() {
        return false;
    }

    /**
     * True when the scorer reads the images' pixels ({@link ScoringInput#images()} or the
     * training set's bytes), not only model quantities: such a scorer cannot score a model trained
     * on a classifier's features ({@code data.features}), and the planner refuses the pair.
     */
    default boolean readsPixels() {
        return false;
    }

    /** One score per example of {@code input.images()}. */
    double[] score(ScoringInput input);
}
