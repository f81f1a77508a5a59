package org.oodrunner.components.datasets.celeba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.imagefile.ImageFixtures;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Selection;
import org.oodrunner.framework.data.transform.ImagePipeline;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.PreprocessSpec;

class CelebaSourceTest {
    @TempDir
    Path root;

    /** Face i: 178x218 (width x height), one flat colour per image so JPEG keeps it nearly exactly. */
    static int colour(int i) {
        return (20 * i) << 16 | (200 - 10 * i) << 8 | (5 * i + 40);
    }

    /** Partitions of the 9 images: 0 0 0 0 0 1 1 2 2 (train, valid, test). */
    private void write(boolean zipped) throws Exception {
        Path dir = root.resolve("celeba");
        Files.createDirectories(dir);
        StringBuilder partition = new StringBuilder();
        for (int i = 1; i <= 9; i++) partition.append(String.format("%06d.jpg %d%n", i, i <= 5 ? 0 : i <= 7 ? 1 : 2));
        Files.writeString(dir.resolve("list_eval_partition.txt"), partition);
        if (zipped) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dir.resolve("img_align_celeba.zip")))) {
                for (int i = 1; i <= 9; i++) {
                    zip.putNextEntry(new ZipEntry(String.format("img_align_celeba/%06d.jpg", i)));
                    int c = colour(i);
                    zip.write(ImageFixtures.rgb(218, 178, (y, x) -> c, "jpg"));
                }
            }
        } else {
            Files.createDirectories(dir.resolve("img_align_celeba"));
            for (int i = 1; i <= 9; i++) {
                int c = colour(i);
                Files.write(dir.resolve(String.format("img_align_celeba/%06d.jpg", i)), ImageFixtures.rgb(218, 178, (y, x) -> c, "jpg"));
            }
        }
    }

    private static void checkColour(byte[] img, int i) {
        int c = colour(i);
        assertEquals((c >> 16) & 0xFF, img[0] & 0xFF, 3);
        assertEquals((c >> 8) & 0xFF, img[1] & 0xFF, 3);
        assertEquals(c & 0xFF, img[2] & 0xFF, 3);
    }

    @Test
    void splitsFollowThePartitionFileAndPreprocessingAppliesWhileDecoding() throws Exception {
        write(true);
        CelebaSource celeba = new CelebaSource(root);
        ImageSet valid = celeba.load("valid", LoadRequest.all("celeba/valid"));
        assertEquals(2, valid.size());
        assertEquals(new ImageShape(218, 178, 3), valid.shape());
        assertNull(valid.labels());
        checkColour(valid.images()[0], 6);
        checkColour(valid.images()[1], 7);
        ImagePipeline pipeline = ImagePipeline.of(PreprocessSpec.defaults().withGeometry(148, 32,
                PreprocessSpec.ResizeMethod.AREA, 0, null));
        ImageSet train = celeba.load("train", new LoadRequest("celeba/train", pipeline, new Selection(null, 2.0, 3, "celeba/train")));
        assertEquals(new ImageShape(32, 32, 3), train.shape());
        assertEquals(2, train.size());
        assertEquals(32 * 32 * 3, train.images()[1].length);
    }

    @Test
    void readsTheUnpackedFolder() throws Exception {
        write(false);
        ImageSet test = new CelebaSource(root).load("test", LoadRequest.all("celeba/test"));
        assertEquals(2, test.size());
        checkColour(test.images()[1], 9);
    }

    @Test
    void aDamagedPartitionLineIsNamedWithItsLineNumber() throws Exception {
        write(true);
        Path partition = root.resolve("celeba/list_eval_partition.txt");
        Files.writeString(partition, "000001.jpg 0\n000002.jpg train\n");
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new CelebaSource(root).load("train", LoadRequest.all("celeba/train")));
        assertTrue(e.getMessage().startsWith(partition + ":2: expected"), e.getMessage());
    }

    @Test
    void aCorruptedImageStopsTheLoadWithItsName() throws Exception {
        write(false);
        Files.write(root.resolve("celeba/img_align_celeba/000008.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new CelebaSource(root).load("test", LoadRequest.all("celeba/test")));
        assertTrue(e.getMessage().startsWith(root.resolve("celeba/img_align_celeba/000008.jpg") + ": cannot decode"),
                e.getMessage());
    }
}
