package org.oodrunner.components.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;

class IdxFileTest {
    @TempDir
    Path dir;

    /** An IDX file written byte by byte, independently of IdxWriter. */
    private static byte[] idx(int[] dims, byte[] data) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(0x00000800 | dims.length);
        for (int d : dims) out.writeInt(d);
        out.write(data);
        return b.toByteArray();
    }

    @Test
    void readsPlainAndGzipFilesIdentically() throws Exception {
        byte[] pixels = new byte[2 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (i * 20);
        Path plain = dir.resolve("x-idx3-ubyte");
        Files.write(plain, idx(new int[] {2, 2, 3}, pixels));
        Path gz = dir.resolve("x-idx3-ubyte.gz");
        IdxWriter.write(gz, new int[] {2, 2, 3}, pixels);
        for (Path p : new Path[] {plain, gz}) {
            IdxFile.Contents c = IdxFile.read(p, 3);
            assertArrayEquals(new int[] {2, 2, 3}, c.dims());
            assertArrayEquals(pixels, c.data());
        }
    }

    @Test
    void splitLoadsPixelsRowMajorAndLabels() throws Exception {
        byte[] pixels = new byte[3 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (byte) (250 - i);
        Files.write(dir.resolve("i"), idx(new int[] {3, 2, 2}, pixels));
        Files.write(dir.resolve("l"), idx(new int[] {3}, new byte[] {4, 0, 9}));
        ImageSet set = IdxImageSplit.load("t", dir.resolve("i"), dir.resolve("l"), new ImageShape(2, 2, 1), 10);
        assertEquals(3, set.size());
        assertArrayEquals(new byte[] {(byte) 246, (byte) 245, (byte) 244, (byte) 243}, set.images()[1]);
        assertArrayEquals(new int[] {4, 0, 9}, set.labels());
    }

    @Test
    void truncatedFilesNameTheFileAndTheOffset() throws Exception {
        byte[] full = idx(new int[] {4, 2, 2}, new byte[16]);
        Path p = dir.resolve("short-idx3-ubyte");
        Files.write(p, Arrays.copyOf(full, full.length - 5));
        RunFailedException e = assertThrows(RunFailedException.class, () -> IdxFile.read(p, 3));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("it ends after 2 of 4 images (byte 27 of 32; the file is cut short)"),
                e.getMessage());
    }

    @Test
    void aGzipFileCutShortSaysHowManyImagesArrivedAndHowToGetItAgain() throws Exception {
        // incompressible pixels, so the compressed stream is cut about where the images are
        byte[] pixels = new byte[300 * 8 * 8];
        new java.util.SplittableRandom(5).nextBytes(pixels);
        Path gz = dir.resolve("cut-idx3-ubyte.gz");
        IdxWriter.write(gz, new int[] {300, 8, 8}, pixels);
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(whole, whole.length * 2 / 3));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> IdxFile.read(gz, 3, "get it again with `runner data fetch mnist/train`"));
        String m = e.getMessage();
        assertTrue(m.startsWith(gz + ": not a valid IDX file: the compressed stream ended after "), m);
        int arrived = Integer.parseInt(m.replaceAll(".*ended after (\\d+) of 300 images.*", "$1"));
        assertTrue(arrived > 150 && arrived < 220, "about two thirds of the 300 images arrived: " + m);
        assertTrue(m.endsWith("get it again with `runner data fetch mnist/train`"), m);
        assertTrue(!m.contains("header"), m);
    }

    @Test
    void badMagicOrRankOrLabelsAreRefused() throws Exception {
        Path p = dir.resolve("junk");
        Files.write(p, new byte[] {'<', 'h', 't', 'm', 'l', '>', 0, 0});
        assertTrue(assertThrows(RunFailedException.class, () -> IdxFile.read(p, 3)).getMessage().contains("bad magic"));
        Path labels = dir.resolve("labels");
        Files.write(labels, idx(new int[] {2}, new byte[] {1, 2}));
        assertTrue(assertThrows(RunFailedException.class, () -> IdxFile.read(labels, 3)).getMessage().contains("rank 1"));
        Path images = dir.resolve("images");
        Files.write(images, idx(new int[] {2, 1, 1}, new byte[2]));
        Files.write(labels, idx(new int[] {2}, new byte[] {1, 12}));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> IdxImageSplit.load("t", images, labels, new ImageShape(1, 1, 1), 10));
        assertTrue(e.getMessage().contains("label 12 of example 1"), e.getMessage());
    }

    @Test
    void brokenGzipIsNamed() throws Exception {
        Path p = dir.resolve("x.gz");
        IdxWriter.write(p, new int[] {1, 28, 28}, new byte[784]);
        byte[] bytes = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(bytes, bytes.length / 2));
        RunFailedException e = assertThrows(RunFailedException.class, () -> IdxFile.read(p, 3));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    }
}
