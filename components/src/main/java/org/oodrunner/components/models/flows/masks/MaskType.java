package org.oodrunner.components.models.flows.masks;

import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.op.Ops;

/**
 * The mask patterns a spec can name, each giving the mask of the i-th coupling of a stack so
 * that consecutive couplings change complementary parts (Kirichenko et al. 2020 compare them).
 */
public enum MaskType {
    /** Pixels alternate like a chess board; coupling i changes the squares of parity (i + 1) mod 2. */
    CHECKERBOARD,
    /** Halves of the channels alternate. */
    CHANNEL,
    /** The top and bottom halves of the image alternate. */
    HORIZONTAL,
    /**
     * Four quadrants (0 top-left, 1 top-right, 2 bottom-right, 3 bottom-left): coupling i
     * changes quadrant (i + 1) mod 4 conditioned on quadrant i mod 4 only.
     */
    CYCLIC;

    /** The mask of coupling {@code index} (0-based) of a stack acting on images of {@code shape}. */
    public Mask forCoupling(Ops tf, int index, ImageShape shape) {
        int h = shape.height();
        int w = shape.width();
        return switch (this) {
            case CHECKERBOARD -> {
                int parity = index % 2;
                yield new SpatialMask(tf, shape, (r, c) -> (r + c) % 2 == parity, (r, c) -> (r + c) % 2 != parity);
            }
            case CHANNEL -> new ChannelMask(tf, shape.channels(), index % 2 == 1);
            case HORIZONTAL -> {
                boolean conditionOnTop = index % 2 == 0;
                yield new SpatialMask(tf, shape, (r, c) -> (r < h / 2) == conditionOnTop, (r, c) -> (r < h / 2) != conditionOnTop);
            }
            case CYCLIC -> {
                int from = index % 4;
                int to = (index + 1) % 4;
                yield new SpatialMask(tf, shape, (r, c) -> quadrant(r, c, h, w) == from, (r, c) -> quadrant(r, c, h, w) == to);
            }
        };
    }

    /** Why this mask cannot act on images of {@code shape}, or null when it can. */
    public String unsupported(ImageShape shape) {
        return switch (this) {
            case CHECKERBOARD -> shape.height() * shape.width() < 2 ? "a checkerboard needs at least two pixels" : null;
            case CHANNEL -> shape.channels() % 2 != 0 ? "a channel mask needs an even number of channels, not "
                    + shape.channels() : null;
            case HORIZONTAL -> shape.height() < 2 ? "a horizontal mask needs at least two rows" : null;
            case CYCLIC -> shape.height() < 2 || shape.width() < 2 ? "a cyclic mask needs at least 2x2 pixels" : null;
        };
    }

    private static int quadrant(int r, int c, int h, int w) {
        boolean top = r < h / 2;
        boolean left = c < w / 2;
        if (top) return left ? 0 : 1;
        return left ? 3 : 2;
    }
}
