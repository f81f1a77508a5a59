package org.oodrunner.components.testing;

import org.oodrunner.framework.data.ImageShape;

/** Every image of a tiny shape with L levels per value, as the framework feeds them. */
public final class DiscreteImages {
    private DiscreteImages() {}

    /** L^D, the number of distinct images. */
    public static int count(ImageShape shape, int levels) {
        return (int) Math.round(Math.pow(levels, shape.dims()));
    }

    /**
     * All images, image n holding the base-L digits of n (most significant first, in HWC order),
     * as bin centres (level + 0.5) / L: [count * D] floats.
     */
    public static float[] all(ImageShape shape, int levels) {
        int d = shape.dims();
        int n = count(shape, levels);
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            int rest = i;
            for (int k = d - 1; k >= 0; k--) {
                out[i * d + k] = (rest % levels + 0.5f) / levels;
                rest /= levels;
            }
        }
        return out;
    }

    /** The index that {@link #all} gives an image of bin centres (or any dequantised image in [0,1]). */
    public static int indexOf(float[] images, int offset, int dims, int levels) {
        int index = 0;
        for (int k = 0; k < dims; k++) {
            int level = Math.min(levels - 1, (int) Math.floor(images[offset + k] * levels));
            index = index * levels + level;
        }
        return index;
    }
}
