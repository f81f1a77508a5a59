package org.oodrunner.framework.data.transform;

import org.oodrunner.framework.data.ImageShape;

/** Keeps the centred {@code side x side} square; the top-left offset is rounded down. */
public record CenterCrop(int side) implements ImageOp {
    @Override
    public ImageShape outputShape(ImageShape in) {
        if (side > in.height() || side > in.width()) {
            throw new PreprocessException("center_crop", "center_crop " + side + " is larger than the " + in
                    + " images; use at most " + Math.min(in.height(), in.width()));
        }
        return new ImageShape(side, side, in.channels());
    }

    @Override
    public byte[] apply(byte[] image, ImageShape in) {
        ImageShape out = outputShape(in);
        if (out.equals(in)) return image;
        int c = in.channels();
        int top = (in.height() - side) / 2;
        int left = (in.width() - side) / 2;
        byte[] dst = new byte[out.dims()];
        int rowBytes = side * c;
        for (int y = 0; y < side; y++) {
            System.arraycopy(image, ((top + y) * in.width() + left) * c, dst, y * rowBytes, rowBytes);
        }
        return dst;
    }
}
