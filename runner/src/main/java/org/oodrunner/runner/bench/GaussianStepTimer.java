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
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * One training step of the smallest model, the per-pixel {@code gaussian}, as the trainer runs
 * it: feed a batch and the learning rate, apply Adam, fetch the loss and gradient norm.
 *
 * <p>{@link #dequantisingInGraph} builds the design the framework did not take, so that choice
 * rests on a measurement: the step is fed the batch's 8-bit pixels and a noise seed and
 * dequantises inside the graph, with the bin-exact formula of {@code Preprocessing}
 * ({@code ((level << 16) | u) * 2^-(16 + bits)}, u from TensorFlow's stateless uniform
 * integers). The host then only gathers bytes; the step does the rest.
 */
final class GaussianStepTimer implements AutoCloseable {
    private static final int BITS = 8;

    private final TfRuntime runtime = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0));
    private final ImageShape shape;
    private final Placeholder<TFloat32> feed;
    private final Placeholder<TUint8> pixels;
    private final Placeholder<TInt64> noiseSeed;
    private final ModelGraph model;
    private final TrainStep step;
    private long seedCounter;

    private GaussianStepTimer(ImageShape shape, boolean dequantiseInGraph) {
        this.shape = shape;
        Ops tf = runtime.tf();
        Shape batchShape = Shape.of(-1, shape.height(), shape.width(), shape.channels());
        feed = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(batchShape));
        Operand<TFloat32> images = feed;
        if (dequantiseInGraph) {
            pixels = tf.withName("pixels").placeholder(TUint8.class, Placeholder.shape(batchShape));
            noiseSeed = tf.withName("noise_seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
            images = dequantise(tf, pixels, noiseSeed);
        } else {
            pixels = null;
            noiseSeed = null;
        }
        Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        InputTransform identity = InputTransform.identity();
        InputTransform.Result input = identity.forward(tf, images);
        GraphContext g = new GraphContext(runtime.graph(), tf, shape, 0, 1 << BITS, feed, input.output(),
                input.logDetJacobian(), identity, labels, new Parameters(), new OpSeeds(0));
        model = new GaussianModel(new GaussianParams(GaussianParams.Distribution.LOGISTIC, 0.3)).build(g);
        step = TrainStep.build(tf, model.loss(), g.parameters().all(),
                new OptimizerSpec(OptimizerSpec.Type.ADAM, 1e-3, 0.9, 0.999, 1e-8, 0, null));
    }

    /** The step as the framework runs it: fed float images in [0,1], dequantised on the host. */
    static GaussianStepTimer floatFed(ImageShape shape) {
        return new GaussianStepTimer(shape, false);
    }

    /** The step fed 8-bit pixels and a noise seed, dequantising in the graph. */
    static GaussianStepTimer dequantisingInGraph(ImageShape shape) {
        return new GaussianStepTimer(shape, true);
    }

    private static Operand<TFloat32> dequantise(Ops tf, Operand<TUint8> pixels, Operand<TInt64> seed) {
        Operand<TInt32> levelHigh = tf.bitwise.leftShift(
                tf.bitwise.rightShift(tf.dtypes.cast(pixels, TInt32.class), tf.constant(8 - BITS)), tf.constant(16));
        Operand<TInt32> u = tf.random.statelessRandomUniformInt(tf.shape(pixels), seed, tf.constant(0), tf.constant(1 << 16));
        return tf.math.mul(tf.dtypes.cast(tf.bitwise.bitwiseOr(levelHigh, u), TFloat32.class),
                tf.constant((float) Math.scalb(1.0, -(16 + BITS))));
    }

    /** Runs one step on {@code batch}; returns its wall time in nanoseconds. */
    long step(Batch batch) {
        long start = System.nanoTime();
        try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape())) {
            run(session().runner().feed(feed, x));
        }
        return System.nanoTime() - start;
    }

    /** Runs one step on whole images' 8-bit pixels (a {@link #dequantisingInGraph} timer); returns nanoseconds. */
    long step(byte[] batchPixels) {
        long n = batchPixels.length / shape.dims();
        long start = System.nanoTime();
        try (TUint8 x = TUint8.tensorOf(Shape.of(n, shape.height(), shape.width(), shape.channels()),
                        DataBuffers.of(batchPixels, true, false));
                TInt64 seed = TInt64.vectorOf(seedCounter++, 0x5EEDL)) {
            run(session().runner().feed(pixels, x).feed(noiseSeed, seed));
        }
        return System.nanoTime() - start;
    }

    private Session session() {
        return runtime.session();
    }

    private void run(Session.Runner runner) {
        try (TFloat32 lr = TensorIO.scalar(1e-3f);
                Result r = runner.feed(step.learningRate(), lr).addTarget(step.update()).fetch(model.loss())
                        .fetch(step.gradNorm()).run()) {
            if (!Float.isFinite(TensorIO.toScalar(r.get(0)))) throw new IllegalStateException("the loss diverged");
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
