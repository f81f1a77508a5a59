package org.oodrunner.components.models.pixelcnn;

import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * From the stack's features to P distribution parameters per sub-pixel:
 * elu, 1x1 (mask B) to the head width, elu, 1x1 (mask B) to C * P outputs (ELU, not ReLU: a
 * dead unit would cut a conditional off from its context). Output o belongs
 * to channel group o mod C, so output p * C + c parameterises channel c from features that may
 * see the channels before c only.
 */
final class OutputHead {
    private final Ops tf;
    private final Conv2d hidden;
    private final Conv2d out;
    private final ImageShape shape;
    private final int params;

    private OutputHead(Ops tf, Conv2d hidden, Conv2d out, ImageShape shape, int params) {
        this.tf = tf;
        this.hidden = hidden;
        this.out = out;
        this.shape = shape;
        this.params = params;
    }

    static OutputHead create(LayerScope scope, ImageShape shape, int width, int headWidth, int paramsPerValue) {
        int c = shape.channels();
        int[] inGroups = CausalMask.cyclicGroups(width, c);
        int[] headGroups = CausalMask.cyclicGroups(headWidth, c);
        int[] outGroups = CausalMask.cyclicGroups(c * paramsPerValue, c);
        Conv2d hidden = Conv2d.builder(1, 1, width, headWidth)
                .mask(CausalMask.raster(1, 1, 0, 0, inGroups, headGroups, CausalMask.Centre.B)).build(scope, "head_hidden");
        Conv2d out = Conv2d.builder(1, 1, headWidth, c * paramsPerValue)
                .mask(CausalMask.raster(1, 1, 0, 0, headGroups, outGroups, CausalMask.Centre.B))
                .gain(0.1) // start near the uniform distribution, with mild log-scales
                .build(scope, "head_out");
        return new OutputHead(scope.tf(), hidden, out, shape, paramsPerValue);
    }

    /** Features [batch, H, W, width] to parameters [batch, H, W, C, P]. */
    Operand<TFloat32> apply(Operand<TFloat32> features) {
        Operand<TFloat32> y = out.apply(tf.nn.elu(hidden.apply(tf.nn.elu(features))));
        Operand<TFloat32> byParam = tf.reshape(y,
                tf.constant(new int[] {-1, shape.height(), shape.width(), params, shape.channels()}));
        return tf.linalg.transpose(byParam, tf.constant(new int[] {0, 1, 2, 4, 3}));
    }
}
