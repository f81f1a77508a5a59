package org.oodrunner.framework.run.stages;

import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TfRuntime;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the model's graph on the training data's shape. */
public final class ModelStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStage.class);

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void run(RunContext ctx) {
        TfRuntime runtime = new TfRuntime(ctx.spec().runtime());
        var shape = ctx.trainSet().shape();
        Ops tf = runtime.tf();
        Placeholder<TFloat32> images = tf.withName("images").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
        Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        GraphContext graph = new GraphContext(runtime.graph(), tf, shape, ctx.trainSet().numClasses(),
                ctx.preprocessing().levels(), images, labels,
                new Parameters(), new OpSeeds(ctx.spec().seed()));
        ModelGraph model;
        try {
            model = ctx.plan().model().build(graph);
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
        ctx.setModel(runtime, graph, model);
        ctx.tracker().logParams(java.util.Map.of("model.parameter_count", String.valueOf(graph.parameters().count())));
        LOG.info("model {}: {} parameters", ctx.spec().model().type(), graph.parameters().count());
    }
}
