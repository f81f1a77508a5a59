package org.oodrunner.framework.run.stages;

import java.util.Map;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TfRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds the model's graph on the training data's shape: the feed placeholder, the run's input
 * transform, the model, and the log-likelihood corrected by the transform's log-Jacobian.
 */
public final class ModelStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStage.class);

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void run(RunContext ctx) {
        TfRuntime runtime = new TfRuntime(ctx.spec().runtime());
        try {
            var shape = ctx.trainSet().shape();
            Ops tf = runtime.tf();
            Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
            Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            InputTransform transform = InputTransform.identity();
            InputTransform.Result input = transform.forward(tf.withSubScope("input_transform"), feed);
            GraphContext graph = new GraphContext(runtime.graph(), tf, shape, ctx.trainSet().numClasses(),
                    ctx.preprocessing().levels(), feed, input.output(), input.logDetJacobian(), transform, labels,
                    new Parameters(), new OpSeeds(ctx.spec().seed()));
            ModelGraph model = ctx.plan().model().build(graph);
            Operand<TFloat32> ll = model.outputs().get(Quantity.LOG_LIKELIHOOD);
            if (ll != null) {
                // Scorers see the density of the fed [0,1] images, whatever the model's input space.
                model = model.withOutput(Quantity.LOG_LIKELIHOOD,
                        tf.withName("log_likelihood_of_images").math.add(ll, input.logDetJacobian()));
            }
            Operand<TFloat32> volume = model.outputs().get(Quantity.VOLUME_TERM);
            if (volume != null) {
                // The volume of the whole map from the fed images to z, so latent + volume = log p(images).
                model = model.withOutput(Quantity.VOLUME_TERM,
                        tf.withName("volume_term_of_images").math.add(volume, input.logDetJacobian()));
            }
            ctx.setModel(runtime, graph, model);
            ctx.tracker().logParams(Map.of("model.parameter_count", String.valueOf(graph.parameters().count())));
            LOG.info("model {}: {} parameters", ctx.spec().model().type(), graph.parameters().count());
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }
}
