package org.oodrunner.framework.tf;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model's graph on its own runtime: the feed placeholder, the run's input transform, the
 * model, its log-likelihood (and a flow's volume term) corrected by the transform's
 * log-Jacobian, and the derived quantities asked for. The one place a run's model graph is made, for the run's model and for
 * auxiliary models alike, so they are the same architecture by construction.
 */
public record BuiltModel(TfRuntime runtime, GraphContext graph, ModelGraph model) implements AutoCloseable {

    /** A model alone (benchmarks, tests): its evaluation noise is seeded from {@code seed} too. */
    public static BuiltModel build(Model model, RuntimeSpec runtimeSpec, InputTransform transform, ImageShape shape,
            int numClasses, int levels, long seed, Set<Quantity> derived) {
        return build(model, runtimeSpec, transform, shape, numClasses, levels, seed, seed, derived);
    }

    /**
     * @param transform the run's input transform; auxiliary models reuse the run model's (with
     *     the statistics it measured), so every model of a run sees the same input space
     * @param seed seeds the graph's random ops (initialisation, in-graph noise)
     * @param evaluationSeed seeds noise the model adds when evaluating: the run's seed, the same
     *     for every model of a run (see {@link GraphContext#evaluationSeeds()})
     * @param derived framework-derived quantities to add (see {@link DerivedQuantities})
     */
    public static BuiltModel build(Model model, RuntimeSpec runtimeSpec, InputTransform transform, ImageShape shape,
            int numClasses, int levels, long seed, long evaluationSeed, Set<Quantity> derived) {
        TfRuntime runtime = new TfRuntime(runtimeSpec);
        try {
            Ops tf = runtime.tf();
            Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
            Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            InputTransform.Result input = transform.forward(tf.withSubScope("input_transform"), feed);
            GraphContext graph = new GraphContext(runtime.graph(), tf, shape, numClasses, levels, feed, input.output(),
                    input.logDetJacobian(), transform, labels, new Parameters(), new OpSeeds(seed),
                    OpSeeds.forEvaluation(evaluationSeed));
            ModelGraph built = model.build(graph);
            Operand<TFloat32> ll = built.outputs().get(Quantity.LOG_LIKELIHOOD);
            if (ll != null) {
                // Scorers see the density of the fed [0,1] images, whatever the model's input space.
                built = built.withOutput(Quantity.LOG_LIKELIHOOD,
                        tf.withName("log_likelihood_of_images").math.add(ll, input.logDetJacobian()));
            }
            Operand<TFloat32> volume = built.outputs().get(Quantity.VOLUME_TERM);
            if (volume != null) {
                // The volume of the whole map from the fed images to z, so latent + volume = log p(images).
                built = built.withOutput(Quantity.VOLUME_TERM,
                        tf.withName("volume_term_of_images").math.add(volume, input.logDetJacobian()));
            }
            built = DerivedQuantities.add(graph, built, derived);
            return new BuiltModel(runtime, graph, built);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
