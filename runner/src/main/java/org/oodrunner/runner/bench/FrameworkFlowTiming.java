package org.oodrunner.runner.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.tf.Trainer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A model as the framework trains and scores it: its graph on the data's shape, the
 * framework's {@link Trainer} (batches from a background thread, the optimiser step, the loss
 * and gradient-norm fetches) and its {@link Evaluator}. Times whole calls of each.
 */
final class FrameworkFlowTiming implements AutoCloseable {
    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;
    private final Trainer trainer;
    private final long seed;

    /** @param train the spec's training section; the step count is replaced by {@code steps} */
    FrameworkFlowTiming(Model m, ImageSet data, TrainSpec train, RuntimeSpec runtimeSpec, int levels, long seed, int steps) {
        this.seed = seed;
        this.runtime = new TfRuntime(runtimeSpec);
        try {
            var shape = data.shape();
            Ops tf = runtime.tf();
            Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
            Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            InputTransform transform = InputTransform.identity();
            InputTransform.Result input = transform.forward(tf.withSubScope("input_transform"), feed);
            this.graph = new GraphContext(runtime.graph(), tf, shape, data.numClasses(), levels, feed, input.output(),
                    input.logDetJacobian(), transform, labels, new Parameters(), new OpSeeds(seed));
            this.model = m.build(graph);
            this.trainer = new Trainer(runtime, graph, model, withSteps(train, steps));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** The spec's training section with another step budget and no logging in between. */
    private static TrainSpec withSteps(TrainSpec train, int steps) {
        ObjectNode node = SpecJson.mapper().valueToTree(train);
        node.put("steps", steps);
        node.put("log_every", Integer.MAX_VALUE);
        try {
            return SpecJson.mapper().treeToValue(node, TrainSpec.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot copy the training section", e);
        }
    }

    long parameterCount() {
        return graph.parameters().count();
    }

    /** Seconds for one call of the trainer (its step budget), including its batch assembly. */
    double trainSeconds(ImageSet data, Preprocessing preprocessing) {
        long start = System.nanoTime();
        trainer.train(data, preprocessing, seed, (step, total, metrics) -> {});
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds to compute the log-likelihood of every image of {@code data}. */
    double scoreSeconds(ImageSet data, Preprocessing preprocessing, int batchSize) {
        long start = System.nanoTime();
        new Evaluator(runtime, graph, model).evaluate(data, Set.of(Quantity.LOG_LIKELIHOOD), preprocessing, batchSize,
                seed, null);
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
