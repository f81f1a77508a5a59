package org.oodrunner.components.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.archive.TarWriter;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.RunFailedException;

class CifarSourceTest {
    @TempDir
    Path root;

    private static void checkImages(ImageSet set, int batchOffset, int perBatch) {
        assertEquals(new ImageShape(32, 32, 3), set.shape());
        for (int i = 0; i < set.size(); i += 7) {
            int batch = batchOffset + i / perBatch;
            int r = i % perBatch;
            assertEquals((r + batch) % 10, set.labels()[i], "label of image " + i);
            byte[] img = set.images()[i];
            for (int[] at : new int[][] {{0, 0}, {5, 17}, {31, 31}}) {
                for (int ch = 0; ch < 3; ch++) {
                    assertEquals(CifarFixtures.pixel(batch, r, ch, at[0], at[1]), img[(at[0] * 32 + at[1]) * 3 + ch] & 0xFF,
                            "image " + i + " channel " + ch + " at " + Arrays.toString(at));
                }
            }
        }
    }

    @Test
    void readsTrainAndTestFromTheOfficialArchive() throws IOException {
        CifarFixtures.writeCifar10(root, 12);
        CifarSource cifar = CifarSource.cifar10(root);
        ImageSet train = cifar.load("train", LoadRequest.all("cifar10/train"));
        assertEquals(60, train.size());
        checkImages(train, 1, 12);
        ImageSet test = cifar.load("test", LoadRequest.all("cifar10/test"));
        assertEquals(12, test.size());
        checkImages(test, 0, 12);
        assertEquals(List.of("train", "test"), cifar.splits());
    }

    @Test
    void readsTheUnpackedFolderToo() throws IOException {
        Path folder = root.resolve("cifar10/cifar-10-batches-bin");
        Files.createDirectories(folder);
        for (int b = 1; b <= 5; b++) Files.write(folder.resolve("data_batch_" + b + ".bin"), CifarFixtures.records(b, 3, 1, 10));
        ImageSet train = CifarSource.cifar10(root).load("train", LoadRequest.all("cifar10/train"));
        assertEquals(15, train.size());
        checkImages(train, 1, 3);
    }

    @Test
    void cifar100HasFineAndCoarseLabels() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("cifar-100-binary/train.bin", CifarFixtures.records(0, 40, 2, 100));
        entries.put("cifar-100-binary/test.bin", CifarFixtures.records(0, 5, 2, 100));
        TarWriter.write(root.resolve("cifar100/cifar-100-binary.tar.gz"), entries);
        ImageSet fine = CifarSource.cifar100(root, Cifar100Params.Labels.FINE).load("train", LoadRequest.all("c"));
        ImageSet coarse = CifarSource.cifar100(root, Cifar100Params.Labels.COARSE).load("train", LoadRequest.all("c"));
        assertEquals(40, fine.size());
        for (int r = 0; r < 40; r++) {
            assertEquals((r * 3) % 100, fine.labels()[r]);
            assertEquals(r % 20, coarse.labels()[r]);
        }
        assertEquals(CifarFixtures.pixel(0, 39, 2, 31, 0), fine.images()[39][(31 * 32) * 3 + 2] & 0xFF);
        assertEquals(100, fine.numClasses());
        assertEquals(20, CifarSource.cifar100(root, Cifar100Params.Labels.COARSE).numClasses());
    }

    @Test
    void aTruncatedBatchNamesTheFileTheRecordAndItsOffset() throws IOException {
        Path folder = root.resolve("cifar10/cifar-10-batches-bin");
        Files.createDirectories(folder);
        for (int b = 1; b <= 5; b++) {
            byte[] r = CifarFixtures.records(b, 4, 1, 10);
            Files.write(folder.resolve("data_batch_" + b + ".bin"), b == 3 ? Arrays.copyOf(r, 3 * 3073 + 1000) : r);
        }
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> CifarSource.cifar10(root).load("train", LoadRequest.all("cifar10/train")));
        assertTrue(e.getMessage().startsWith(folder.resolve("data_batch_3.bin") + ": truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("record 3 (at byte offset 9219) has only 1000 bytes"), e.getMessage());
    }

    @Test
    void aLabelOutOfRangeNamesTheRecord() throws IOException {
        Path folder = root.resolve("cifar10/cifar-10-batches-bin");
        Files.createDirectories(folder);
        byte[] test = CifarFixtures.records(0, 4, 1, 10);
        test[2 * 3073] = 42;
        Files.write(folder.resolve("test_batch.bin"), test);
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> CifarSource.cifar10(root).load("test", LoadRequest.all("cifar10/test")));
        assertTrue(e.getMessage().contains("test_batch.bin: record 2 (byte offset 6146) has label 42"), e.getMessage());
    }

    @Test
    void aTruncatedArchiveIsNamedWithTheFix() throws IOException {
        CifarFixtures.writeCifar10(root, 6);
        Path archive = root.resolve("cifar10/cifar-10-binary.tar.gz");
        byte[] all = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(all, all.length / 2));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> CifarSource.cifar10(root).load("train", LoadRequest.all("cifar10/train")));
        assertTrue(e.getMessage().startsWith(archive.toString()) && e.getMessage().contains("runner data fetch cifar10"),
                e.getMessage());
    }

    @Test
    void missingFilesSayHowToGetThem() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> CifarSource.cifar10(root).load("test", LoadRequest.all("cifar10/test")));
        assertTrue(e.getMessage().contains("runner data fetch cifar10")
                && e.getMessage().contains("cifar-10-binary.tar.gz (from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz)")
                && e.getMessage().contains(root.resolve("cifar10").toString()), e.getMessage());
    }
}
