package org.oodrunner.framework.analysis;

import org.oodrunner.framework.data.ImageSet;

/**
 * Color images converted to gray and replicated over the three channels, as in Nalisnick et
 * al.'s graying experiment: gray = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601 luma), rounded.
 */
public final class Grayscale {
    private Grayscale() {}

    /** The grayed copy keeps the set's name, so it is evaluated with the same dequantisation noise. */
    public static ImageSet of(ImageSet set) {
        if (set.shape().channels() != 3) {
            throw new IllegalArgumentException(set.name() + ": graying needs 3 channels, got " + set.shape().channels());
        }
        byte[][] out = new byte[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            byte[] src = set.images()[i];
            byte[] dst = new byte[src.length];
            for (int p = 0; p < src.length; p += 3) {
                int gray = (int) Math.round(0.299 * (src[p] & 0xFF) + 0.587 * (src[p + 1] & 0xFF) + 0.114 * (src[p + 2] & 0xFF));
                byte g = (byte) Math.min(255, gray);
                dst[p] = g;
                dst[p + 1] = g;
                dst[p + 2] = g;
            }
            out[i] = dst;
        }
        return new ImageSet(set.name(), set.shape(), out, set.labels(), set.numClasses());
    }
}
