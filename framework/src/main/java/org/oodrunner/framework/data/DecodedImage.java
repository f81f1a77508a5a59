package org.oodrunner.framework.data;

/** One image as a file decoder produced it: 8-bit values, row-major, channels last. */
public record DecodedImage(byte[] pixels, ImageShape shape) {
    public DecodedImage {
        if (pixels.length != shape.dims()) {
            throw new IllegalArgumentException(pixels.length + " values for an image of " + shape);
        }
    }
}
