package org.oodrunner.components.models.pixelcnn;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.components.nn.Padding;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The PixelCNN of van den Oord et al. (2016, "Pixel Recurrent Neural Networks"): one stack of
 * masked k x k convolutions, a mask-A first layer, then residual blocks
 * h + 1x1(elu(k x k(elu(h)))), every convolution mask B (ELU rather than the paper's ReLU: no unit
 * is ever dead, so no conditional silently loses its context). Cheaper than {@link GatedStack} but
 * with the single stack's blind spot: pixels above and to the right of the current one fall
 * outside the receptive field however deep the stack.
 */
final class ResidualStack implements CausalStack {
    private final Ops tf;
    private final Conv2d first;
    private final List<Conv2d[]> blocks;

    private ResidualStack(Ops tf, Conv2d first, List<Conv2d[]> blocks) {
        this.tf = tf;
        this.first = first;
        this.blocks = blocks;
    }

    static ResidualStack create(LayerScope scope, ImageShape shape, PixelCnnParams p) {
        int c = shape.channels();
        int w = p.width();
        int[] hidden = CausalMask.cyclicGroups(w, c);
        int k1 = p.firstKernelSize();
        Conv2d first = Conv2d.builder(k1, k1, c, w).padding(Padding.centred(k1, k1))
                .mask(CausalMask.raster(k1, k1, k1 / 2, k1 / 2, CausalMask.cyclicGroups(c, c), hidden, CausalMask.Centre.A))
                .build(scope, "first");
        int k = p.kernelSize();
        List<Conv2d[]> blocks = new ArrayList<>();
        for (int b = 0; b < p.blocks(); b++) {
            LayerScope s = scope.sub("residual_" + b);
            Conv2d spatial = Conv2d.builder(k, k, w, w).padding(Padding.centred(k, k))
                    .mask(CausalMask.raster(k, k, k / 2, k / 2, hidden, hidden, CausalMask.Centre.B)).build(s, "spatial");
            Conv2d mix = Conv2d.builder(1, 1, w, w)
                    .mask(CausalMask.raster(1, 1, 0, 0, hidden, hidden, CausalMask.Centre.B)).build(s, "mix");
            blocks.add(new Conv2d[] {spatial, mix});
        }
        return new ResidualStack(scope.tf(), first, blocks);
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> images) {
        Operand<TFloat32> h = first.apply(images);
        for (Conv2d[] block : blocks) {
            Operand<TFloat32> r = block[1].apply(tf.nn.elu(block[0].apply(tf.nn.elu(h))));
            h = tf.math.add(h, r);
        }
        return h;
    }
}
