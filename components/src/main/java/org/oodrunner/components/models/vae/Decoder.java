package org.oodrunner.components.models.vae;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.Dense;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.components.nn.TransposedConv2d;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * p(x|z): the encoder mirrored. Fully connected layers to a [H/2^n, W/2^n, last width] map,
 * stride-2 transposed convolutions with ELU back to [H, W], and a 1x1 convolution to P
 * distribution parameters per sub-pixel, [batch, H, W, C, P] (1x1: with 256-way outputs per
 * sub-pixel a wider kernel would dominate the cost, and scoring decodes k times per image). Sub-pixels are independent
 * given z.
 */
final class Decoder {
    private final Ops tf;
    private final Dense hidden;
    private final Dense toMap;
    private final List<TransposedConv2d> ups;
    private final Conv2d out;
    private final int[] mapShape;
    private final ImageShape shape;
    private final int params;

    private Decoder(Ops tf, Dense hidden, Dense toMap, List<TransposedConv2d> ups, Conv2d out, int[] mapShape, ImageShape shape,
            int params) {
        this.tf = tf;
        this.hidden = hidden;
        this.toMap = toMap;
        this.ups = ups;
        this.out = out;
        this.mapShape = mapShape;
        this.shape = shape;
        this.params = params;
    }

    static Decoder create(LayerScope scope, ImageShape shape, VaeParams p, int paramsPerValue) {
        List<Integer> widths = p.channels();
        int n = widths.size();
        int factor = 1 << n;
        int[] mapShape = {-1, shape.height() / factor, shape.width() / factor, widths.get(n - 1)};
        Dense hidden = Dense.create(scope, "hidden", p.latentDim(), p.hiddenUnits(), 1);
        Dense toMap = Dense.create(scope, "to_map", p.hiddenUnits(), mapShape[1] * mapShape[2] * mapShape[3], 1);
        List<TransposedConv2d> ups = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            int to = widths.get(Math.max(i - 1, 0));
            ups.add(TransposedConv2d.create(scope, "up_" + i, 4, 2, widths.get(i), to, 1));
        }
        Conv2d out = Conv2d.builder(1, 1, widths.get(0), shape.channels() * paramsPerValue)
                .gain(0.1) // start near the uniform distribution
                .build(scope, "out");
        return new Decoder(scope.tf(), hidden, toMap, ups, out, mapShape, shape, paramsPerValue);
    }

    /** Latents [batch, d] to distribution parameters [batch, H, W, C, P]. */
    Operand<TFloat32> apply(Operand<TFloat32> z) {
        Operand<TFloat32> h = tf.nn.elu(toMap.apply(tf.nn.elu(hidden.apply(z))));
        h = tf.reshape(h, tf.constant(mapShape));
        for (TransposedConv2d up : ups) h = tf.nn.elu(up.apply(h));
        return tf.reshape(out.apply(h), tf.constant(new int[] {-1, shape.height(), shape.width(), shape.channels(), params}));
    }
}
