package org.oodrunner.framework.tf;

import java.util.SplittableRandom;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/** A model built on a fresh graph the way the model stage builds it, for tests. */
record TestGraph(TfRuntime runtime, GraphContext context, ModelGraph model) implements AutoCloseable {
    static final RuntimeSpec CPU = new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0);
    static final Preprocessing PREPROCESSING = new Preprocessing(PreprocessSpec.defaults());

    static TestGraph build(Model model, ImageShape shape, long seed) {
        TfRuntime runtime = new TfRuntime(CPU);
        GraphContext g = GraphContext.create(runtime, shape, 0, 256, InputTransform.identity(), seed);
        ModelGraph m = model.build(g);
        return new TestGraph(runtime, g, m);
    }

    /** Seeded images: a smooth per-position mean plus noise, so a density has something to learn. */
    static ImageSet images(String name, int n, ImageShape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int d = shape.dims();
        byte[][] images = new byte[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                int v = 40 + 160 * j / d + (int) Math.round(r.nextGaussian() * 20);
                images[i][j] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new ImageSet(name, shape, images, null, 0);
    }

    /** The value of a graph variable (or any float output), by op name. */
    float[] read(String opName) {
        try (Result r = runtime.session().runner().fetch(opName).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }

    float[] read(Operand<TFloat32> op, float[] feed, long... shape) {
        try (TFloat32 x = TensorIO.floats(feed, shape);
                Result r = runtime.session().runner().feed(context.feed(), x).fetch(op).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
