package org.oodrunner.framework.data.transform;

import java.util.Arrays;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.PreprocessSpec.ResizeMethod;

/**
 * Resizes to {@code side x side}. Every method is a separable weighted sum over source pixels
 * ({@link AxisWeights}), computed in double precision and rounded half up to 8 bits, so
 * nearest-neighbour resizing is an exact copy of source values.
 */
public record Resize(int side, ResizeMethod method) implements ImageOp {
    @Override
    public ImageShape outputShape(ImageShape in) {
        return new ImageShape(side, side, in.channels());
    }

    @Override
    public byte[] apply(byte[] image, ImageShape in) {
        if (in.height() == side && in.width() == side) return image;
        int c = in.channels();
        AxisWeights rows = AxisWeights.of(method, in.height(), side);
        AxisWeights cols = AxisWeights.of(method, in.width(), side);
        // Horizontal pass: in.height() rows of side x c values.
        double[] wide = new double[in.height() * side * c];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < side; x++) {
                int out = (y * side + x) * c;
                for (int k = cols.start(x); k < cols.start(x + 1); k++) {
                    int src = (y * in.width() + cols.index(k)) * c;
                    double w = cols.weight(k);
                    for (int ch = 0; ch < c; ch++) wide[out + ch] += w * (image[src + ch] & 0xFF);
                }
            }
        }
        // Vertical pass, rounding to bytes.
        byte[] dst = new byte[side * side * c];
        double[] acc = new double[c];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                Arrays.fill(acc, 0);
                for (int k = rows.start(y); k < rows.start(y + 1); k++) {
                    int src = (rows.index(k) * side + x) * c;
                    double w = rows.weight(k);
                    for (int ch = 0; ch < c; ch++) acc[ch] += w * wide[src + ch];
                }
                int out = (y * side + x) * c;
                for (int ch = 0; ch < c; ch++) dst[out + ch] = (byte) toByte(acc[ch]);
            }
        }
        return dst;
    }

    private static int toByte(double v) {
        // The 1e-9 keeps sums like 127.49999999999999 (exactly 127.5 in real numbers) rounding up.
        long r = (long) Math.floor(v + 0.5 + 1e-9);
        return (int) Math.max(0, Math.min(255, r));
    }
}
