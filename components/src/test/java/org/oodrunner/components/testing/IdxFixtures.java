package org.oodrunner.components.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.oodrunner.components.datasets.idx.IdxWriter;

/**
 * Tiny MNIST-format datasets for tests, written as real gzip IDX files: Fashion-MNIST-like
 * images (bright, textured) and MNIST-like images (mostly black with a stroke), so a model
 * trained on one can tell something about the other in a few steps.
 */
public final class IdxFixtures {
    private IdxFixtures() {}

    /** Writes fashion_mnist (train, t10k) and mnist (t10k) under {@code dataRoot}. */
    public static void writeTinyMnistFamily(Path dataRoot, int trainSize, int testSize) {
        write(dataRoot.resolve("fashion_mnist"), "train", trainSize, 1, true);
        write(dataRoot.resolve("fashion_mnist"), "t10k", testSize, 2, true);
        write(dataRoot.resolve("mnist"), "t10k", testSize, 3, false);
        write(dataRoot.resolve("mnist"), "train", testSize, 4, false);
    }

    public static void write(Path dir, String prefix, int n, long seed, boolean clothing) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] images = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) r.nextInt(10);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v;
                    if (clothing) {
                        v = (x > 3 && x < 24 && y > 2) ? 90 + r.nextInt(140) : r.nextInt(8);
                    } else {
                        v = (Math.abs(x - 14) < 2 && y > 5 && y < 23) ? 200 + r.nextInt(56) : 0;
                    }
                    images[i * 784 + y * 28 + x] = (byte) v;
                }
            }
        }
        try {
            IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, images);
            IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
