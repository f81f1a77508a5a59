package org.oodrunner.framework.data;

import java.util.Arrays;
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
        int row = w * c;
        // Output pixel (y, x) shows source pixel (y + dy, x' + dx), x' = w - 1 - x when mirrored
        // (crop, then flip); positions outside the source are the black padding.
        int x0 = Math.max(0, -dx);
        int x1 = Math.min(w, w - dx);
        for (int y = 0; y < h; y++) {
            int sy = y + dy;
            int out = y * row;
            if (sy < 0 || sy >= h || x0 >= x1) {
                Arrays.fill(dst, out, out + row, (byte) 0);
                continue;
            }
            if (!mirror) {
                Arrays.fill(dst, out, out + x0 * c, (byte) 0);
                System.arraycopy(src, (sy * w + x0 + dx) * c, dst, out + x0 * c, (x1 - x0) * c);
                Arrays.fill(dst, out + x1 * c, out + row, (byte) 0);
                continue;
            }
            // Mirrored: output x takes cropped column w - 1 - x, i.e. source column w - 1 - x + dx.
            int in = sy * row;
            for (int x = 0; x < w; x++) {
                int sx = w - 1 - x + dx;
                int o = out + x * c;
                if (sx < 0 || sx >= w) {
                    for (int ch = 0; ch < c; ch++) dst[o + ch] = 0;
                } else {
                    int i = in + sx * c;
                    for (int ch = 0; ch < c; ch++) dst[o + ch] = src[i + ch];
                }
            }
        }
        return dst;
    }
}
