package org.oodrunner.components.models.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A real TensorFlow graph and session for tests on tiny shapes: an image placeholder, the
 * parameter store, and helpers to move parameters away from their (often identity)
 * initialisation and to run outputs on Java arrays.
 */
final class TestGraph implements AutoCloseable {
    final Graph graph = new Graph();
    final Ops tf = Ops.create(graph);
    final Parameters parameters = new Parameters();
    final OpSeeds seeds = new OpSeeds(7);
    final Initializers init = new Initializers(tf, seeds);
    private final List<Op> perturbations = new ArrayList<>();
    private Session session;

    Placeholder<TFloat32> input(ImageShape shape) {
        return tf.placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
    }

    /** A model's view of the graph: images fed as they are (identity transform), 256 levels. */
    GraphContext context(ImageShape shape) {
        Placeholder<TFloat32> feed = input(shape);
        InputTransform identity = InputTransform.identity();
        InputTransform.Result in = identity.forward(tf, feed);
        Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        return new GraphContext(graph, tf, shape, 0, 256, feed, in.output(), in.logDetJacobian(), identity, labels,
                parameters, seeds);
    }

    /**
     * Adds N(0, stddev) noise to every parameter when the session opens, so zero-initialised
     * layers (coupling outputs, ActNorm, priors) stop being the identity and the tests see
     * non-trivial Jacobians. Call after building the layers.
     */
    void perturbParameters(float stddev) {
        for (Variable<TFloat32> v : parameters.all()) {
            long s = seeds.next();
            Operand<TFloat32> noise = tf.math.mul(tf.random.randomStandardNormal(tf.shape(v), TFloat32.class,
                    RandomStandardNormal.seed(s), RandomStandardNormal.seed2(s + 1)), tf.constant(stddev));
            perturbations.add(tf.assign(v, tf.math.add(v, noise)));
        }
    }

    Session session() {
        if (session == null) {
            session = new Session(graph);
            session.initialize();
            if (!perturbations.isEmpty()) {
                Session.Runner r = session.runner();
                perturbations.forEach(r::addTarget);
                try (Result ignored = r.run()) {
                    // assignments only
                }
            }
        }
        return session;
    }

    /** Runs {@code target} with {@code x} ([n, shape]) fed into {@code feed}. */
    void runTarget(Op target, Placeholder<TFloat32> feed, float[] x, ImageShape shape) {
        int n = x.length / shape.dims();
        try (TFloat32 in = TensorIO.floats(x, n, shape.height(), shape.width(), shape.channels());
                Result ignored = session().runner().feed(feed, in).addTarget(target).run()) {
            // the target's effect is the result
        }
    }

    /** The values of each output with {@code x} ([n, shape]) fed into {@code feed}. */
    @SafeVarargs
    final List<float[]> run(Placeholder<TFloat32> feed, float[] x, ImageShape shape, Operand<TFloat32>... outputs) {
        int n = x.length / shape.dims();
        try (TFloat32 in = TensorIO.floats(x, n, shape.height(), shape.width(), shape.channels())) {
            Session.Runner r = session().runner().feed(feed, in);
            for (Operand<TFloat32> o : outputs) r.fetch(o);
            try (Result result = r.run()) {
                List<float[]> values = new ArrayList<>();
                for (int i = 0; i < outputs.length; i++) values.add(TensorIO.toFloats(result.get(i)));
                return values;
            }
        }
    }

    /** n images of the shape with values uniform in [low, high). */
    static float[] uniform(int n, ImageShape shape, float low, float high, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * shape.dims()];
        for (int i = 0; i < x.length; i++) x[i] = low + (high - low) * (float) random.nextDouble();
        return x;
    }

    @Override
    public void close() {
        if (session != null) session.close();
        graph.close();
    }
}
