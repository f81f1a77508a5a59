package org.oodrunner.framework.component;

import java.util.Set;
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
     * True when training reads the class labels (a classifier such as JEM): the planner then
     * refuses a training set without labels, so {@code runner validate} catches it.
     */
    default boolean trainsOnLabels() {
        return false;
    }
}
