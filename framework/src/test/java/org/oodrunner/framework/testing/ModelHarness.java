package org.oodrunner.framework.testing;

import java.util.List;
import java.util.Map;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TfRuntime;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Builds one model's real graph, as ModelStage does, so tests can evaluate its outputs on
 * chosen inputs. Close it to free the graph.
 */
public final class ModelHarness implements AutoCloseable {
    private final TfRuntime runtime;
    private final GraphContext context;
    private final ModelGraph graph;

    public ModelHarness(Model model, ImageShape shape, int levels, long seed) {
        this(model, shape, levels, seed, 0);
    }

    public ModelHarness(Model model, ImageShape shape, int levels, long seed, int numClasses) {
        runtime = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0));
        var tf = runtime.tf();
        Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
        Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        InputTransform.Result input = InputTransform.identity().forward(tf, feed);
        context = new GraphContext(runtime.graph(), tf, shape, numClasses, levels, feed, input.output(),
                input.logDetJacobian(), InputTransform.identity(), labels, new Parameters(), new OpSeeds(seed));
        graph = model.build(context);
    }

    public GraphContext context() {
        return context;
    }

    public ModelGraph graph() {
        return graph;
    }

    public TfRuntime runtime() {
        return runtime;
    }

    /** The values of {@code output} for a batch of images given as [n * H * W * C] floats. */
    public float[] run(Operand<TFloat32> output, float[] images, int n) {
        var s = context.shape();
        try (TFloat32 x = TensorIO.floats(images, n, s.height(), s.width(), s.channels());
                Result r = runtime.session().runner().feed(context.feed(), x).fetch(output).run()) {
            return TensorIO.toFloats(r.get(0));
        }
    }

    /** Several outputs from one run, so that random ops draw once for all of them. */
    public float[][] runAll(List<Operand<TFloat32>> outputs, float[] images, int n) {
        var s = context.shape();
        try (TFloat32 x = TensorIO.floats(images, n, s.height(), s.width(), s.channels())) {
            Session.Runner runner = runtime.session().runner().feed(context.feed(), x);
            outputs.forEach(runner::fetch);
            try (Result r = runner.run()) {
                float[][] values = new float[outputs.size()][];
                for (int i = 0; i < values.length; i++) values[i] = TensorIO.toFloats(r.get(i));
                return values;
            }
        }
    }

    public float[] run(Quantity quantity, float[] images, int n) {
        return run(graph.output(quantity), images, n);
    }

    public Map<Quantity, Operand<TFloat32>> outputs() {
        return graph.outputs();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
