package org.oodrunner.framework.data;

/** Height x width x channels of one image (NHWC without the N). */
public record ImageShape(int height, int width, int channels) {
    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("image dimensions must be positive: " + height + "x" + width + "x" + channels);
        }
    }

    /** Values per image (D in bits/dim). */
    public int dims() {
        return height * width * channels;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
