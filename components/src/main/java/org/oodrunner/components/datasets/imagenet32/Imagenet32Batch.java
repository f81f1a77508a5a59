package org.oodrunner.components.datasets.imagenet32;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.oodrunner.components.datasets.npy.NpyArray;
import org.oodrunner.components.datasets.npy.NpzArchive;

/**
 * One batch file of Downsampled ImageNet 32x32 (Chrabaszcz et al. 2017): an {@code .npz} with
 * {@code data}, N x 3072 uint8 (per image the 32x32 red plane, then green, then blue), and
 * {@code labels}, N integers in 1..1000.
 */
final class Imagenet32Batch {
    private static final int PLANE = 32 * 32;

    record Contents(byte[][] images, int[] labels) {}

    private Imagenet32Batch() {}

    static Contents read(InputStream npz, String where) throws IOException {
        Map<String, NpyArray> arrays = NpzArchive.read(npz, where, Set.of("data", "labels"));
        NpyArray data = arrays.get("data");
        NpyArray labels = arrays.get("labels");
        if (data.shape().length != 2 || data.shape()[1] != 3 * PLANE || data.fortranOrder()) {
            throw new IOException(where + "!data.npy: " + data + ", expected N x 3072 unsigned bytes in C order");
        }
        int n = (int) data.shape()[0];
        if (labels.size() != n) throw new IOException(where + "!labels.npy: " + labels.size() + " labels for " + n + " images");
        byte[] raw;
        int[] y;
        try {
            raw = data.bytes(where + "!data.npy");
            y = labels.ints(where + "!labels.npy");
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        byte[][] images = new byte[n][];
        for (int i = 0; i < n; i++) {
            if (y[i] < 1 || y[i] > 1000) {
                throw new IOException(where + "!labels.npy: label " + y[i] + " of image " + i + " is not in 1..1000");
            }
            y[i] -= 1;
            byte[] hwc = new byte[3 * PLANE];
            int base = i * 3 * PLANE;
            for (int p = 0; p < PLANE; p++) {
                hwc[3 * p] = raw[base + p];
                hwc[3 * p + 1] = raw[base + PLANE + p];
                hwc[3 * p + 2] = raw[base + 2 * PLANE + p];
            }
            images[i] = hwc;
        }
        return new Contents(images, y);
    }
}
