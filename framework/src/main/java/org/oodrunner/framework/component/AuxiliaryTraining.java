package org.oodrunner.framework.component;

import java.util.Objects;
import org.oodrunner.framework.data.ImageSet;

/**
 * A request to train one more model of the run's architecture within the run: the background
 * model of a likelihood ratio, a member of an ensemble.
 *
 * @param name what the model is for, unique within the scorer ("background", "member_2"); its
 *     training metrics are logged as {@code train/<scorer>/<name>/...}
 * @param trainingSet what it trains on (the run's training set, or a transformed copy)
 * @param seedOffset added to the run's seed for its initialisation and batch order; 0 is the
 *     run model's own seed
 * @param overrides its budget and optimiser settings where they differ from the run's
 */
public record AuxiliaryTraining(String name, ImageSet trainingSet, long seedOffset, TrainingOverrides overrides) {
    public AuxiliaryTraining {
        Objects.requireNonNull(name);
        Objects.requireNonNull(trainingSet);
        Objects.requireNonNull(overrides);
    }
}
