package org.oodrunner.runner.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a data root holding CIFAR-10 in its unpacked binary layout ({@code cifar10/cifar-10-batches-bin/}),
 * with random pixels: the real format and the real sizes, so loading and memory are measured on
 * what a user's CIFAR-10 costs.
 */
final class CifarSizedFiles {
    private static final int RECORD = 1 + 3072;

    private CifarSizedFiles() {}

    /** @param perBatch records per batch file (10,000 in the real dataset: 50,000 train, 10,000 test) */
    static void write(Path dataRoot, int perBatch, long seed) throws IOException {
        Path dir = dataRoot.resolve("cifar10/cifar-10-batches-bin");
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        for (String name : new String[] {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin"}) {
            byte[] record = new byte[RECORD];
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 20)) {
                for (int r = 0; r < perBatch; r++) {
                    for (int i = 1; i < RECORD; i++) record[i] = (byte) random.nextInt(256);
                    record[0] = (byte) random.nextInt(10);
                    out.write(record);
                }
            }
        }
    }
}
