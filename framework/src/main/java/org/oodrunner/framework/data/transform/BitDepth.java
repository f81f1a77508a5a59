package org.oodrunner.framework.data.transform;

import org.oodrunner.framework.data.ImageShape;

/**
 * Keeps the top {@code bits} bits of every value (the low bits set to zero), so the stored
 * bytes show exactly the levels the model sees; per-batch dequantisation reads the same levels.
 */
public record BitDepth(int bits) implements ImageOp {
    public BitDepth {
        if (bits < 1 || bits > 8) throw new PreprocessException("bits", "bits must be 1..8, not " + bits);
    }

    @Override
    public ImageShape outputShape(ImageShape in) {
        return in;
    }

    @Override
    public byte[] apply(byte[] image, ImageShape in) {
        if (bits == 8) return image;
        int mask = (0xFF << (8 - bits)) & 0xFF;
        byte[] dst = new byte[image.length];
        for (int i = 0; i < image.length; i++) dst[i] = (byte) (image[i] & mask);
        return dst;
    }
}
