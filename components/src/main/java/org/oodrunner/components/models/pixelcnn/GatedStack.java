package org.oodrunner.components.models.pixelcnn;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.components.nn.Padding;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * The Gated PixelCNN of van den Oord et al. (2016, "Conditional Image Generation with PixelCNN
 * Decoders"): two stacks remove the single stack's blind spot. The vertical stack at row i
 * sees rows i - k/2 .. i (all of them, unmasked) and only ever feeds the horizontal stack one
 * row lower, so the horizontal stack at row i gets everything above it; the horizontal stack
 * sees pixels to the left in its own row and, at the current pixel, earlier channel groups
 * (mask A in the first layer, B after). Every layer computes
 * <pre>
 *   v' = gate(V * v)                       gate(a) = tanh(a_1) * sigmoid(a_2)
 *   h' = h + O * gate(H * h + L * down(V * v))   (no residual in the first layer)
 * </pre>
 * with V the vertical (k/2+1) x k convolution, H the horizontal 1 x (k/2+1) one, L and O 1x1
 * convolutions and down() a shift by one row.
 */
final class GatedStack implements CausalStack {
    private final Ops tf;
    private final List<Layer> layers;
    private final int height;

    private GatedStack(Ops tf, List<Layer> layers, int height) {
        this.tf = tf;
        this.layers = layers;
        this.height = height;
    }

    static GatedStack create(LayerScope scope, ImageShape shape, PixelCnnParams p) {
        int c = shape.channels();
        int w = p.width();
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l <= p.blocks(); l++) {
            boolean first = l == 0;
            int k = first ? p.firstKernelSize() : p.kernelSize();
            int in = first ? c : w;
            int[] inGroups = CausalMask.cyclicGroups(in, c);
            int[] gateGroups = CausalMask.gatePairGroups(w, c);
            LayerScope s = scope.sub("gated_" + l);
            Conv2d vertical = Conv2d.builder(k / 2 + 1, k, in, 2 * w)
                    .padding(new Padding(k / 2, 0, k / 2, k / 2)).build(s, "vertical");
            Conv2d horizontal = Conv2d.builder(1, k / 2 + 1, in, 2 * w)
                    .padding(new Padding(0, 0, k / 2, 0))
                    .mask(CausalMask.raster(1, k / 2 + 1, 0, k / 2, inGroups, gateGroups,
                            first ? CausalMask.Centre.A : CausalMask.Centre.B))
                    .build(s, "horizontal");
            // The vertical features reach the horizontal stack only from the row above: no mask needed.
            Conv2d verticalToHorizontal = Conv2d.builder(1, 1, 2 * w, 2 * w).build(s, "vertical_to_horizontal");
            Conv2d out = Conv2d.builder(1, 1, w, w)
                    .mask(CausalMask.raster(1, 1, 0, 0, CausalMask.cyclicGroups(w, c), CausalMask.cyclicGroups(w, c),
                            CausalMask.Centre.B))
                    .build(s, "out");
            layers.add(new Layer(vertical, horizontal, verticalToHorizontal, out, !first));
        }
        return new GatedStack(scope.tf(), layers, shape.height());
    }

    @Override
    public Operand<TFloat32> apply(Operand<TFloat32> images) {
        Operand<TFloat32> v = images;
        Operand<TFloat32> h = images;
        for (Layer layer : layers) {
            Operand<TFloat32> vPre = layer.vertical().apply(v);
            Operand<TFloat32> hPre = tf.math.add(layer.horizontal().apply(h), layer.verticalToHorizontal().apply(down(vPre)));
            Operand<TFloat32> hOut = layer.out().apply(gate(hPre));
            h = layer.residual() ? tf.math.add(h, hOut) : hOut;
            v = gate(vPre);
        }
        return h;
    }

    private Operand<TFloat32> gate(Operand<TFloat32> pre) {
        Split<TFloat32> halves = tf.split(tf.constant(3), pre, 2L);
        return tf.math.mul(tf.math.tanh(halves.output().get(0)), tf.math.sigmoid(halves.output().get(1)));
    }

    /** Row i of the result is row i - 1 of x (zeros in row 0). */
    private Operand<TFloat32> down(Operand<TFloat32> x) {
        Operand<TFloat32> padded = new Padding(1, 0, 0, 0).apply(tf, x);
        return tf.slice(padded, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {-1, height, -1, -1}));
    }

    private record Layer(Conv2d vertical, Conv2d horizontal, Conv2d verticalToHorizontal, Conv2d out, boolean residual) {}
}
