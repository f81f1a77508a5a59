package org.oodrunner.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.oodrunner.components.datasets.idx.IdxWriter;

/**
 * A few dozen Fashion-MNIST-shaped images in the official IDX format (gzip), written where the
 * {@code fashion_mnist} dataset looks first ({@code <data root>/fashion_mnist/}), so end-to-end
 * tests run real datasets, models and files in seconds. Each class is a blurred bar at its own
 * height plus noise.
 */
final class TinyFashionMnist {
    private TinyFashionMnist() {}

    static Path write(Path dataRoot, int train, int test) throws IOException {
        Path dir = dataRoot.resolve("fashion_mnist");
        split(dir, "train", train, 11);
        split(dir, "t10k", test, 12);
        return dataRoot;
    }

    /**
     * A spec of a tiny per-pixel Gaussian on this data: trained on every class, tested on classes 1-9,
     * with class 0 held out as the OOD set. The launcher's and the benchmark scripts' tests run it.
     */
    static String zerosAsOodSpec(String name, int seed, int steps) {
        return """
                name: %s
                seed: %d
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test, classes: [1, 2, 3, 4, 5, 6, 7, 8, 9], label: not_zeros}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]
                model: {type: gaussian}
                train: {steps: %d, batch_size: 16, log_every: 1}
                eval: {batch_size: 32}
                """.formatted(name, seed, steps);
    }

    private static void split(Path dir, String prefix, int n, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] images = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 10;
            labels[i] = (byte) label;
            for (int y = 0; y < 28; y++) {
                double bar = Math.exp(-Math.pow(y - (2 + 2.4 * label), 2) / 8);
                for (int x = 0; x < 28; x++) {
                    double v = 30 + 180 * bar + r.nextGaussian() * 15;
                    images[i * 784 + y * 28 + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, images);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
    }
}
