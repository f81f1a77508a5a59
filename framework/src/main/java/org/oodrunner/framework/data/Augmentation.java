package org.oodrunner.framework.data;

import java.util.SplittableRandom;

/**
 * Training-only augmentation of 8-bit images, applied per batch: a left-right flip with
 * probability 1/2 and a random crop (pad by {@code cropPadding} black pixels on every side,
 * then cut the original size at a random offset). The random choices come from the batch's
 * own random stream, so batch k is the same in a resumed run.
 */
public record Augmentation(boolean flip, int cropPadding) {
    public static final Augmentation NONE = new Augmentation(false, 0);

    public boolean isNone() {
        return !flip && cropPadding == 0;
    }

    /**
     * Writes the augmented {@code src} (shape {@code shape}) into {@code dst} (same length).
     *
     * @return {@code dst}, or {@code src} itself when this image is left unchanged
     */
    public byte[] apply(byte[] src, ImageShape shape, byte[] dst, SplittableRandom random) {
        boolean mirror = flip && random.nextBoolean();
        int dy = 0;
        int dx = 0;
        if (cropPadding > 0) {
            dy = random.nextInt(2 * cropPadding + 1) - cropPadding;
            dx = random.nextInt(2 * cropPadding + 1) - cropPadding;
        }
        if (!mirror && dy == 0 && dx == 0) return src;
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        // Output pixel (y, x) shows source pixel (y + dy, x' + dx), x' mirrored when flipping;
        // positions outside the source are the black padding.
        for (int y = 0; y < h; y++) {
            int sy = y + dy;
            for (int x = 0; x < w; x++) {
                int sx = (mirror ? w - 1 - x : x) + dx;
                int out = (y * w + x) * c;
                if (sy < 0 || sy >= h || sx < 0 || sx >= w) {
                    for (int ch = 0; ch < c; ch++) dst[out + ch] = 0;
                } else {
                    System.arraycopy(src, (sy * w + sx) * c, dst, out, c);
                }
            }
        }
        return dst;
    }
}
