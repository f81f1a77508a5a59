package org.oodrunner.framework.tf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * Quantities the framework computes in the graph from what a model provides, so that every
 * model offering the source gets them without code of its own. They are built only when a
 * scorer asks for them: a gradient graph costs memory and time on every evaluation batch.
 */
public final class DerivedQuantities {
    /** Each derived quantity and the model quantity it is computed from. */
    public static final Map<Quantity, Quantity> SOURCES = Map.of(Quantity.INPUT_GRADIENT_NORM, Quantity.LOG_LIKELIHOOD);

    private DerivedQuantities() {}

    /** What a model providing {@code provided} offers once the derivable quantities are added. */
    public static Set<Quantity> available(Set<Quantity> provided) {
        Set<Quantity> all = new LinkedHashSet<>(provided);
        SOURCES.forEach((derived, source) -> {
            if (provided.contains(source)) all.add(derived);
        });
        return all;
    }

    /** The quantities of {@code wanted} that the framework derives (and the model does not provide itself). */
    public static Set<Quantity> derivedAmong(Set<Quantity> wanted, Set<Quantity> provided) {
        Set<Quantity> out = new LinkedHashSet<>();
        for (Quantity q : wanted) {
            if (SOURCES.containsKey(q) && !provided.contains(q)) out.add(q);
        }
        return out;
    }

    /** Adds each of {@code wanted} to the model graph, built from its source output. */
    public static ModelGraph add(GraphContext g, ModelGraph model, Set<Quantity> wanted) {
        ModelGraph out = model;
        for (Quantity q : wanted) {
            if (q.equals(Quantity.INPUT_GRADIENT_NORM)) {
                out = out.withOutput(q, inputGradientNorm(g, model.output(Quantity.LOG_LIKELIHOOD)));
            } else {
                throw new IllegalArgumentException("the framework does not derive " + q);
            }
        }
        return out;
    }

    /**
     * Per example ||d log p(x_i) / d x_i||: the gradient of the batch sum equals each example's
     * own gradient because examples do not interact in a density model's forward pass.
     */
    private static Operand<TFloat32> inputGradientNorm(GraphContext g, Operand<TFloat32> logLikelihood) {
        Ops tf = g.tf().withSubScope("input_gradient");
        Operand<TFloat32> total = tf.sum(logLikelihood, tf.constant(0));
        Gradients grads = tf.gradients(total, List.of(g.feed()));
        Operand<TFloat32> dx = grads.dy(0);
        return tf.withName("norm").math.sqrt(tf.sum(tf.math.square(dx), tf.constant(new int[] {1, 2, 3})));
    }
}
