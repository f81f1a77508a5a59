package org.oodrunner.framework.component;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;

/**
 * A model that a spec names. It adds its variables and ops to a TensorFlow graph the
 * framework owns; the framework trains, checkpoints and evaluates it.
 */
public interface Model {
    /** The per-example quantities its graph computes. */
    Set<Quantity> provides();

    /** Builds the model on the context's inputs; called once per graph. */
    ModelGraph build(GraphContext graph);

    /**
     * Why this model cannot be used on the run's data, or empty when it can. The planner asks
     * before anything is loaded or built, so a spec that cannot work fails {@code runner validate}
     * with a positioned error instead of failing a run.
     *
     * @param shape the training images' shape
     * @param levels quantisation levels per value (2^bits of {@code data.preprocess})
     */
    default Optional<Incompatibility> checkData(ImageShape shape, int levels) {
        return Optional.empty();
    }

    /**
     * A model parameter that does not fit the data.
     *
     * @param param the spec key under {@code model} at fault (its position is reported), or
     *     null for the model as a whole
     * @param problem what is wrong and how to fix it, as one sentence
     */
    record Incompatibility(String param, String problem) {}

    /**
     * True when training reads the class labels (a classifier such as JEM): the planner then
     * refuses a training set without labels, so {@code runner validate} catches it.
     */
    default boolean trainsOnLabels() {
        return false;
    }

    /**
     * False when LOG_LIKELIHOOD is known only up to a normalising constant that the model does
     * not compute (an energy-based model such as JEM): log p of two separately trained models
     * then differ by unknown constants, and the planner refuses scorers that compare them
     * ({@link Scorer#comparesModelsLikelihoods()}).
     */
    default boolean normalizedLikelihood() {
        return true;
    }

    /**
     * Quantities the framework could derive from what this model provides but that this model's
     * graph cannot give, each with the reason as one sentence (the planner refuses a scorer that
     * needs one, at {@code runner validate}).
     */
    default Map<Quantity, String> underivable() {
        return Map.of();
    }
}
