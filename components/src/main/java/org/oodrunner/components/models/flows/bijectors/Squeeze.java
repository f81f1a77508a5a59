package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Trades space for channels: every 2x2 block of pixels becomes one pixel with four times the
 * channels, [H, W, C] -> [H/2, W/2, 4C]. A permutation of the values, so log |det J| = 0.
 */
public final class Squeeze implements Bijector {
    private static final long BLOCK = 2;

    private final Ops tf;

    public Squeeze(Ops tf) {
        this.tf = tf;
    }

    /** The shape after squeezing an input of {@code in}; both sides must be even. */
    public static ImageShape outputShape(ImageShape in) {
        if (in.height() % BLOCK != 0 || in.width() % BLOCK != 0) {
            throw new IllegalArgumentException("cannot squeeze " + in + ": height and width must be even");
        }
        return new ImageShape(in.height() / 2, in.width() / 2, in.channels() * 4);
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        return new Output(tf.nn.spaceToDepth(x, BLOCK), ExampleOps.zeros(tf, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        return tf.nn.depthToSpace(y, BLOCK);
    }
}
