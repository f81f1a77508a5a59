package org.oodrunner.components.models.flows.masks;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A mask over pixel positions, the same for every channel: the coupling conditions on the
 * pixels where {@code in} is 1 and changes those where {@code out} is 1 (disjoint from
 * {@code in}). Checkerboard and horizontal masks change every pixel they do not condition
 * on; the cyclic mask changes one quadrant given another.
 */
public final class SpatialMask implements Mask {
    private final Ops tf;
    private final Operand<TFloat32> in;
    private final Operand<TFloat32> out;
    private final long channels;

    /** A predicate over pixel positions (row, column). */
    @FunctionalInterface
    public interface Region {
        boolean contains(int row, int column);
    }

    public SpatialMask(Ops tf, ImageShape shape, Region conditioning, Region changed) {
        this.tf = tf;
        this.in = constant(tf, shape, conditioning);
        this.out = constant(tf, shape, changed);
        this.channels = shape.channels();
        for (int r = 0; r < shape.height(); r++) {
            for (int c = 0; c < shape.width(); c++) {
                if (conditioning.contains(r, c) && changed.contains(r, c)) {
                    throw new IllegalArgumentException("a coupling cannot condition on the pixel it changes");
                }
            }
        }
    }

    private static Operand<TFloat32> constant(Ops tf, ImageShape shape, Region region) {
        float[] values = new float[shape.height() * shape.width()];
        for (int r = 0; r < shape.height(); r++) {
            for (int c = 0; c < shape.width(); c++) values[r * shape.width() + c] = region.contains(r, c) ? 1f : 0f;
        }
        // [1, H, W, 1]: broadcast over the batch and the channels.
        return tf.constant(Shape.of(1, shape.height(), shape.width(), 1), DataBuffers.of(values, true, false));
    }

    @Override
    public Operand<TFloat32> conditioner(Operand<TFloat32> x) {
        return tf.math.mul(x, in);
    }

    @Override
    public Operand<TFloat32> active(Operand<TFloat32> x) {
        return x;
    }

    /**
     * The new values themselves: shift and log-scale are zero outside the changed region
     * ({@link #restrict}), so there {@code (x + 0) * exp(0)} is exactly x already.
     */
    @Override
    public Operand<TFloat32> combine(Operand<TFloat32> x, Operand<TFloat32> newActive) {
        return newActive;
    }

    @Override
    public Operand<TFloat32> restrict(Operand<TFloat32> v) {
        return tf.math.mul(v, out);
    }

    @Override
    public long conditionerChannels() {
        return channels;
    }

    @Override
    public long activeChannels() {
        return channels;
    }
}
