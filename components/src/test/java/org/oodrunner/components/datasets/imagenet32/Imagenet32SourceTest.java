package org.oodrunner.components.datasets.imagenet32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.npy.NpyWriter;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.RunFailedException;

class Imagenet32SourceTest {
    @TempDir
    Path root;

    static int value(int batch, int i, int k) {
        return (batch * 13 + i * 31 + k * 7) % 256;
    }

    /** One batch .npz: data N x 3072 (R plane, G plane, B plane), labels 1..1000 as int64, deflated like savez_compressed. */
    static byte[] batch(int batch, int n) throws IOException {
        byte[] data = new byte[n * 3072];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = 1 + (batch * 100 + i * 37) % 1000;
            for (int k = 0; k < 3072; k++) data[i * 3072 + k] = (byte) value(batch, i, k);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("data.npy"));
            zip.write(NpyWriter.npy("|u1", "(" + n + ", 3072)", data));
            zip.putNextEntry(new ZipEntry("labels.npy"));
            zip.write(NpyWriter.npy("<i8", "(" + n + ",)", NpyWriter.int64s(labels)));
        }
        return bytes.toByteArray();
    }

    private static void check(ImageSet set, int batch, int first, int n) {
        for (int i = 0; i < n; i++) {
            byte[] img = set.images()[first + i];
            assertEquals((batch * 100 + i * 37) % 1000, set.labels()[first + i], "labels 1..1000 become 0..999");
            for (int p : new int[] {0, 33, 1023}) {
                for (int ch = 0; ch < 3; ch++) assertEquals(value(batch, i, ch * 1024 + p), img[3 * p + ch] & 0xFF);
            }
        }
    }

    @Test
    void readsTheOfficialZipOfNpzBatchesInBatchOrder() throws IOException {
        Path zip = root.resolve("imagenet32/Imagenet32_train_npz.zip");
        Files.createDirectories(zip.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int b : new int[] {2, 10, 1}) {
                out.putNextEntry(new ZipEntry("Imagenet32_train_npz/train_data_batch_" + b + ".npz"));
                out.write(batch(b, 3));
            }
        }
        ImageSet train = new Imagenet32Source(root).load("train", LoadRequest.all("imagenet32/train"));
        assertEquals(9, train.size());
        check(train, 1, 0, 3);
        check(train, 2, 3, 3);
        check(train, 10, 6, 3);
        assertEquals(1000, train.numClasses());
    }

    @Test
    void readsUnpackedNpzFilesIncludingOnesWrittenByNumPy() throws IOException {
        Path val = root.resolve("imagenet32/Imagenet32_val_npz/val_data.npz");
        Files.createDirectories(val.getParent());
        try (InputStream in = getClass().getResourceAsStream("/fixtures/imagenet32_numpy_savez.npz")) {
            Files.copy(in, val);
        }
        ImageSet set = new Imagenet32Source(root).load("val", LoadRequest.all("imagenet32/val"));
        assertArrayEquals(new int[] {999, 6}, set.labels());
        // data[i, k] = (31 i + 7 k) % 256: pixel p of channel ch is k = ch * 1024 + p.
        assertEquals((31 + 7 * (1024 + 5)) % 256, set.images()[1][3 * 5 + 1] & 0xFF);
        assertEquals((7 * (2048 + 1023)) % 256, set.images()[0][3 * 1023 + 2] & 0xFF);
    }

    @Test
    void aTruncatedBatchIsNamed() throws IOException {
        Path file = root.resolve("imagenet32/train_data_batch_1.npz");
        Files.createDirectories(file.getParent());
        byte[] b = batch(1, 4);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(Arrays.copyOf(b, b.length / 2));
        }
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new Imagenet32Source(root).load("train", LoadRequest.all("imagenet32/train")));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("damaged or incomplete"), e.getMessage());
    }

    @Test
    void missingFilesSayWhereToDownloadThem() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new Imagenet32Source(root).load("val", LoadRequest.all("imagenet32/val")));
        assertTrue(e.getMessage().contains("Imagenet32_val_npz.zip") && e.getMessage().contains("image-net.org")
                && e.getMessage().contains(root.resolve("imagenet32").toString()), e.getMessage());
    }
}
