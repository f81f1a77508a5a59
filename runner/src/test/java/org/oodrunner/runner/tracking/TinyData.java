package org.oodrunner.runner.tracking;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.oodrunner.components.datasets.idx.IdxWriter;

/**
 * A data root with tiny Fashion-MNIST and MNIST splits in the official IDX format (gzip): 64
 * training and 32 test "clothes" of mid-grey noise, 32 "digits" that are mostly black with bright
 * strokes, so a density model tells them apart a little.
 */
final class TinyData {
    private TinyData() {}

    static Path write(Path root) throws IOException {
        Random r = new Random(42);
        split(root.resolve("fashion_mnist"), "train", 64, r, false);
        split(root.resolve("fashion_mnist"), "t10k", 32, r, false);
        split(root.resolve("mnist"), "t10k", 32, r, true);
        return root;
    }

    private static void split(Path dir, String prefix, int n, Random r, boolean digits) throws IOException {
        byte[] images = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < images.length; i++) {
            int v = digits ? (r.nextDouble() < 0.8 ? 0 : 160 + r.nextInt(96)) : 60 + r.nextInt(120);
            images[i] = (byte) v;
        }
        for (int i = 0; i < n; i++) labels[i] = (byte) (i % 10);
        IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {n, 28, 28}, images);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {n}, labels);
    }

    /** A spec of a tiny run on this data, tracked in {@code experiment}; {@code extra} is appended as YAML. */
    static String spec(String name, String experiment, int steps, String extra) {
        return """
                name: %s
                description: a tiny run for the tracking tests
                seed: 0
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood:
                    - {dataset: mnist, split: test}
                model: {type: gaussian}
                train: {steps: %d, batch_size: 16, log_every: 2, optimizer: {type: adam, lr: 0.01}}
                eval: {batch_size: 32}
                tracking: {experiment: %s, flush_seconds: 0.2, stall_seconds: 600}
                runtime: {intra_op_threads: 1, inter_op_threads: 1}
                """.formatted(name, steps, experiment) + extra;
    }
}
