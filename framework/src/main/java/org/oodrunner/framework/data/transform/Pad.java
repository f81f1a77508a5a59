package org.oodrunner.framework.data.transform;

import org.oodrunner.framework.data.ImageShape;

/** Adds {@code pixels} black (zero) pixels on every side. */
public record Pad(int pixels) implements ImageOp {
    @Override
    public ImageShape outputShape(ImageShape in) {
        return new ImageShape(in.height() + 2 * pixels, in.width() + 2 * pixels, in.channels());
    }

    @Override
    public byte[] apply(byte[] image, ImageShape in) {
        if (pixels == 0) return image;
        ImageShape out = outputShape(in);
        byte[] dst = new byte[out.dims()];
        int c = in.channels();
        int rowBytes = in.width() * c;
        for (int y = 0; y < in.height(); y++) {
            System.arraycopy(image, y * rowBytes, dst, ((y + pixels) * out.width() + pixels) * c, rowBytes);
        }
        return dst;
    }
}
