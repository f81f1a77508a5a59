package org.oodrunner.components.nn;

import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.op.Ops;

/**
 * Where a layer is created: the ops factory scoped to the layer's name, the run's parameter
 * store (so the trainer and checkpoints see every variable) and seeded initialisers.
 */
public record LayerScope(Ops tf, Parameters parameters, Initializers init) {

    /** The root scope of a model, named {@code name}, on a graph context. */
    public static LayerScope of(GraphContext g, String name) {
        Ops tf = g.tf().withSubScope(name);
        return new LayerScope(tf, g.parameters(), new Initializers(tf, g.seeds()));
    }

    /** A nested scope for one layer or block. */
    public LayerScope sub(String name) {
        Ops scoped = tf.withSubScope(name);
        return new LayerScope(scoped, parameters, init);
    }
}
