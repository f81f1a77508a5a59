package org.oodrunner.framework.tf;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a model builds on: the ops factory, its input, the shape of one image, the parameter
 * store and the seed source.
 *
 * @param feed where batches are fed: dequantised images in [0,1], [batch, H, W, C], float32
 * @param images the model's input: {@code feed} after the run's {@link InputTransform}
 * @param inputLogDet per example, log |det d images / d feed| ([batch]); already added by the
 *     framework to the model's {@code LOG_LIKELIHOOD} output and by {@link #bitsPerDim}
 * @param inputTransform the transform itself (its inverse maps samples back to [0,1])
 * @param labels class labels for the batch, [batch], int32 (fed only when the data has labels)
 * @param numClasses 0 when the training data has no labels
 * @param levels quantisation levels per value (2^bits)
 * @param seeds seeds of the model's random ops (initialisation, training noise): the model's own
 * @param evaluationSeeds seeds of noise a model adds when it evaluates (JEM's input noise): from
 *     the run's seed alone, so every model of a run (the run's, a likelihood ratio's background,
 *     an ensemble's members) sees the same noise on the same batch, as with dequantisation noise
 */
public record GraphContext(
        Graph graph,
        Ops tf,
        ImageShape shape,
        int numClasses,
        int levels,
        Placeholder<TFloat32> feed,
        Operand<TFloat32> images,
        Operand<TFloat32> inputLogDet,
        InputTransform inputTransform,
        Placeholder<TInt32> labels,
        Parameters parameters,
        OpSeeds seeds,
        OpSeeds evaluationSeeds) {

    /** A context whose evaluation noise is seeded like the rest of the model (one model alone). */
    public GraphContext(Graph graph, Ops tf, ImageShape shape, int numClasses, int levels, Placeholder<TFloat32> feed,
            Operand<TFloat32> images, Operand<TFloat32> inputLogDet, InputTransform inputTransform,
            Placeholder<TInt32> labels, Parameters parameters, OpSeeds seeds) {
        this(graph, tf, shape, numClasses, levels, feed, images, inputLogDet, inputTransform, labels, parameters, seeds,
                seeds);
    }

    /**
     * The context a model builds on in a fresh runtime: the feed and label placeholders, the
     * input transform applied to the feed, an empty parameter store and op seeds from the seed.
     */
    public static GraphContext create(TfRuntime runtime, ImageShape shape, int numClasses, int levels,
            InputTransform transform, long seed) {
        return create(runtime, shape, numClasses, levels, transform, seed, seed);
    }

    /** As {@link #create(TfRuntime, ImageShape, int, int, InputTransform, long)}, evaluation noise from {@code evaluationSeed}. */
    public static GraphContext create(TfRuntime runtime, ImageShape shape, int numClasses, int levels,
            InputTransform transform, long seed, long evaluationSeed) {
        Ops tf = runtime.tf();
        Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
        Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        InputTransform.Result input = transform.forward(tf.withSubScope("input_transform"), feed);
        return new GraphContext(runtime.graph(), tf, shape, numClasses, levels, feed, input.output(),
                input.logDetJacobian(), transform, labels, new Parameters(), new OpSeeds(seed),
                OpSeeds.forEvaluation(evaluationSeed));
    }

    /** Values per image, D. */
    public int dims() {
        return shape.dims();
    }

    /**
     * bits/dim of the discrete data from per-example log-densities of the model's input:
     * {@code (-(log p(images) + inputLogDet) + D log(levels)) / (D ln 2)}.
     */
    public Operand<TFloat32> bitsPerDim(Operand<TFloat32> modelLogDensity) {
        double d = dims();
        Operand<TFloat32> logDensity = tf.math.add(modelLogDensity, inputLogDet);
        return tf.math.div(tf.math.sub(tf.constant((float) (d * Math.log(levels))), logDensity),
                tf.constant((float) (d * Math.log(2))));
    }
}
