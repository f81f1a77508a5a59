package org.oodrunner.runner.bench;

import org.oodrunner.components.models.gaussian.GaussianModel;
import org.oodrunner.components.models.gaussian.GaussianParams;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.tf.TrainStep;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One training step of the smallest model, the per-pixel {@code gaussian}, as the trainer runs
 * it: feed a batch and the learning rate, apply Adam, fetch the loss and gradient norm.
 */
final class GaussianStepTimer implements AutoCloseable {
    private final TfRuntime runtime = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0));
    private final Placeholder<TFloat32> feed;
    private final ModelGraph model;
    private final TrainStep step;

    GaussianStepTimer(ImageShape shape) {
        Ops tf = runtime.tf();
        feed = tf.withName("images").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
        Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        InputTransform identity = InputTransform.identity();
        InputTransform.Result input = identity.forward(tf, feed);
        GraphContext g = new GraphContext(runtime.graph(), tf, shape, 0, 256, feed, input.output(), input.logDetJacobian(),
                identity, labels, new Parameters(), new OpSeeds(0));
        model = new GaussianModel(new GaussianParams(GaussianParams.Distribution.LOGISTIC, 0.3)).build(g);
        step = TrainStep.build(tf, model.loss(), g.parameters().all(),
                new OptimizerSpec(OptimizerSpec.Type.ADAM, 1e-3, 0.9, 0.999, 1e-8, 0, null));
    }

    /** Runs one step on {@code batch}; returns its wall time in nanoseconds. */
    long step(Batch batch) {
        Session session = runtime.session();
        long start = System.nanoTime();
        try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                TFloat32 lr = TensorIO.scalar(1e-3f);
                Result r = session.runner().feed(feed, x).feed(step.learningRate(), lr).addTarget(step.update())
                        .fetch(model.loss()).fetch(step.gradNorm()).run()) {
            if (!Float.isFinite(TensorIO.toScalar(r.get(0)))) throw new IllegalStateException("the loss diverged");
        }
        return System.nanoTime() - start;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
