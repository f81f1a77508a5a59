package org.oodrunner.components.datasets.mnist;

import java.nio.file.Path;
import org.oodrunner.components.datasets.idx.IdxWriter;

/** MNIST-layout IDX files, for tests here and in the runner. */
public final class MnistFixtures {
    private MnistFixtures() {}

    /** Official-layout IDX files (gzip) with n images: pixel (y, x) of image i is (i + y * 28 + x) % 256, label i % 10. */
    public static void writeIdx(Path dir, String prefix, int n) throws Exception {
        byte[] images = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
            for (int p = 0; p < 784; p++) images[i * 784 + p] = (byte) ((i + p) % 256);
        }
        IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, images);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
    }

}
