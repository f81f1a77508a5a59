package org.oodrunner.framework.component;

import java.util.Optional;
import org.oodrunner.framework.data.ImageSet;

/**
 * What a scorer may use when it prepares, handed over by the framework once the run's model is
 * trained. Scorers ask for what they need through here, never by model name.
 */
public interface ScorerPreparation {
    /** The label the scorer's results go under. */
    String label();

    /** The run's seed; derive any randomness of the scorer from it. */
    long seed();

    /** Quantisation levels per value (2^bits), for bits and bits/dim. */
    int levels();

    /** The run's training set as 8-bit images (after class filter and limit). */
    ImageSet trainingSet();

    /**
     * The validation set held out of the training set ({@code data.validation}, never trained
     * on), or empty when the spec has none.
     */
    default Optional<ImageSet> validationSet() {
        return Optional.empty();
    }

    /** The run's trained model. */
    TrainedModel runModel();

    /**
     * Trains another model of the run's architecture, in the run, and returns it trained. It
     * lives until the run has scored; its training is logged with the run.
     */
    TrainedModel trainAuxiliary(AuxiliaryTraining request);
}
