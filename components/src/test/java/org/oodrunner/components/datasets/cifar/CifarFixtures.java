package org.oodrunner.components.datasets.cifar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oodrunner.components.datasets.archive.TarWriter;

/** CIFAR binary files in the official layout, for tests here and in the runner. */
public final class CifarFixtures {
    private CifarFixtures() {}

    /** The value of record r's channel ch at (y, x) in the fixtures: distinct enough to catch any mix-up. */
    public static int pixel(int batch, int r, int ch, int y, int x) {
        return (batch * 31 + r * 7 + ch * 85 + y * 3 + x) & 0xFF;
    }

    /** CIFAR binary records: label byte(s), then the R, G, B planes, each row-major. */
    public static byte[] records(int batch, int n, int labelBytes, int numClasses) {
        int size = labelBytes + 3072;
        byte[] out = new byte[n * size];
        for (int r = 0; r < n; r++) {
            int base = r * size;
            if (labelBytes == 2) {
                out[base] = (byte) (r % 20);
                out[base + 1] = (byte) ((r * 3) % numClasses);
            } else {
                out[base] = (byte) ((r + batch) % numClasses);
            }
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) out[base + labelBytes + ch * 1024 + y * 32 + x] = (byte) pixel(batch, r, ch, y, x);
                }
            }
        }
        return out;
    }

    /** A CIFAR-10 archive in the official layout with {@code perBatch} records in each of the six batches. */
    public static void writeCifar10(Path dataRoot, int perBatch) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n".getBytes());
        for (int b = 1; b <= 5; b++) entries.put("cifar-10-batches-bin/data_batch_" + b + ".bin", records(b, perBatch, 1, 10));
        entries.put("cifar-10-batches-bin/test_batch.bin", records(0, perBatch, 1, 10));
        TarWriter.write(dataRoot.resolve("cifar10/cifar-10-binary.tar.gz"), entries);
    }

    /** A CIFAR-100 archive in the official layout: {@code train} training and {@code test} test records. */
    public static void writeCifar100(Path dataRoot, int train, int test) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cifar-100-binary/train.bin", records(0, train, 2, 100));
        entries.put("cifar-100-binary/test.bin", records(1, test, 2, 100));
        TarWriter.write(dataRoot.resolve("cifar100/cifar-100-binary.tar.gz"), entries);
    }
}
