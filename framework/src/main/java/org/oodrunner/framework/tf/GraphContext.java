package org.oodrunner.framework.tf;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What a model builds on: the ops factory, the input placeholders, the shape of one image,
 * the parameter store and the seed source.
 *
 * @param images a batch of preprocessed images, [batch, height, width, channels], float32
 * @param labels class labels for the batch, [batch], int32 (fed only when the data has labels)
 * @param numClasses 0 when the training data has no labels
 * @param levels quantisation levels per value (2^bits): inputs are dequantised levels scaled to [0,1]
 */
public record GraphContext(
        Graph graph,
        Ops tf,
        ImageShape shape,
        int numClasses,
        int levels,
        Placeholder<TFloat32> images,
        Placeholder<TInt32> labels,
        Parameters parameters,
        OpSeeds seeds) {

    /** Values per image, D. */
    public int dims() {
        return shape.dims();
    }

    /**
     * bits/dim of the discrete data from per-example log-densities over [0,1]^D:
     * {@code (-log p(x) + D log(levels)) / (D ln 2)}.
     */
    public org.tensorflow.Operand<TFloat32> bitsPerDim(org.tensorflow.Operand<TFloat32> logDensity) {
        double d = dims();
        return tf.math.div(tf.math.sub(tf.constant((float) (d * Math.log(levels))), logDensity),
                tf.constant((float) (d * Math.log(2))));
    }
}
