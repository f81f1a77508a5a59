package org.oodrunner.components.datasets.svhn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.RunFailedException;
import us.hebi.matlab.mat.format.Mat5;

class SvhnSourceTest {
    @TempDir
    Path root;

    static int value(int r, int c, int ch, int n) {
        return SvhnFixtures.value(r, c, ch, n);
    }

    static void writeMat(Path file, int[] labels) throws IOException {
        SvhnFixtures.writeMat(file, labels);
    }

    private static void checkImage(ImageSet set, int i) {
        byte[] img = set.images()[i];
        for (int[] at : new int[][] {{0, 0}, {5, 17}, {31, 2}}) {
            for (int ch = 0; ch < 3; ch++) {
                // Row r, column c of the .mat is row y = r, column x = c of the image.
                assertEquals(value(at[0], at[1], ch, i), img[(at[0] * 32 + at[1]) * 3 + ch] & 0xFF,
                        "image " + i + " channel " + ch + " at " + Arrays.toString(at));
            }
        }
    }

    @Test
    void readsImagesAndMapsLabelTenToDigitZero() throws IOException {
        writeMat(root.resolve("svhn/test_32x32.mat"), new int[] {10, 1, 9, 10, 5});
        ImageSet set = new SvhnSource(root).load("test", LoadRequest.all("svhn/test"));
        assertEquals(5, set.size());
        assertArrayEquals(new int[] {0, 1, 9, 0, 5}, set.labels());
        for (int i = 0; i < 5; i++) checkImage(set, i);
    }

    @Test
    void readsAFileWrittenBySciPy() throws IOException {
        Path file = root.resolve("svhn/extra_32x32.mat");
        Files.createDirectories(file.getParent());
        try (InputStream in = getClass().getResourceAsStream("/fixtures/svhn_scipy_two_images.mat")) {
            Files.copy(in, file);
        }
        ImageSet set = new SvhnSource(root).load("extra", LoadRequest.all("svhn/extra"));
        assertArrayEquals(new int[] {0, 3}, set.labels());
        checkImage(set, 0);
        checkImage(set, 1);
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        Path file = root.resolve("svhn/train_32x32.mat");
        writeMat(file, new int[] {1, 2, 3, 4, 5, 6, 7, 8});
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length * 2 / 3));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new SvhnSource(root).load("train", LoadRequest.all("svhn/train")));
        assertTrue(e.getMessage().startsWith(file + ": not a readable MATLAB Level-5 file")
                && e.getMessage().contains("runner data fetch svhn"), e.getMessage());
    }

    @Test
    void aFileWithoutTheVariablesOrWithBadLabelsIsNamed() throws IOException {
        Path file = root.resolve("svhn/train_32x32.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("images", Mat5.newMatrix(2, 2)), file.toFile());
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new SvhnSource(root).load("train", LoadRequest.all("svhn/train")));
        assertTrue(e.getMessage().startsWith(file + ": has no numeric variable 'X'"), e.getMessage());
        writeMat(file, new int[] {3, 11});
        e = assertThrows(RunFailedException.class, () -> new SvhnSource(root).load("train", LoadRequest.all("svhn/train")));
        assertTrue(e.getMessage().contains("y(2) is 11.0, not a label in 1..10"), e.getMessage());
    }

    @Test
    void aMissingSplitSaysWhatToFetch() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new SvhnSource(root).load("extra", LoadRequest.all("svhn/extra")));
        assertTrue(e.getMessage().contains("runner data fetch svhn/extra")
                && e.getMessage().contains("http://ufldl.stanford.edu/housenumbers/extra_32x32.mat"), e.getMessage());
    }
}
