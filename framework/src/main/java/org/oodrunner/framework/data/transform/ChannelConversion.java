package org.oodrunner.framework.data.transform;

import org.oodrunner.framework.data.ImageShape;

/**
 * Grayscale to RGB (the gray value copied to R, G and B) or RGB to grayscale with the ITU-R
 * 601 luma weights, rounded exactly as PIL's {@code convert("L")} does, so images match what
 * Python pipelines produce.
 */
public record ChannelConversion(int channels) implements ImageOp {
    public ChannelConversion {
        if (channels != 1 && channels != 3) {
            throw new PreprocessException("channels", "channels: " + channels + " is not supported; use 1 (grayscale) or 3 (RGB)");
        }
    }

    @Override
    public ImageShape outputShape(ImageShape in) {
        if (in.channels() == channels) return in;
        if (in.channels() != 1 && in.channels() != 3) {
            throw new PreprocessException("channels", "images with " + in.channels()
                    + " channels cannot be converted to " + channels + "; only 1 <-> 3 conversions exist");
        }
        return new ImageShape(in.height(), in.width(), channels);
    }

    @Override
    public byte[] apply(byte[] image, ImageShape in) {
        ImageShape out = outputShape(in);
        if (out.equals(in)) return image;
        int pixels = in.height() * in.width();
        byte[] dst = new byte[out.dims()];
        if (channels == 3) {
            for (int p = 0; p < pixels; p++) {
                byte g = image[p];
                dst[3 * p] = g;
                dst[3 * p + 1] = g;
                dst[3 * p + 2] = g;
            }
        } else {
            for (int p = 0; p < pixels; p++) {
                dst[p] = (byte) luma(image[3 * p] & 0xFF, image[3 * p + 1] & 0xFF, image[3 * p + 2] & 0xFF);
            }
        }
        return dst;
    }

    /** L = 0.299 R + 0.587 G + 0.114 B in 16-bit fixed point, rounded: PIL's formula. */
    public static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >>> 16;
    }
}
