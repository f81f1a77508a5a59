package org.oodrunner.framework.data;

/**
 * A batch of preprocessed images, row-major [size, H, W, C] floats, with labels when the
 * data has them.
 *
 * @param first index in the dataset (or epoch order) of the first example, for bookkeeping
 */
public record Batch(float[] images, int[] labels, int size, ImageShape shape, long first) {
    public long[] tensorShape() {
        return new long[] {size, shape.height(), shape.width(), shape.channels()};
    }
}
