package org.oodrunner.components.datasets.imagefolder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.imagefile.ImageFixtures;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.BadInputException;

class ImageFolderSourceTest {
    @TempDir
    Path root;

    private void png(String path, int h, int w, int rgb) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, ImageFixtures.rgb(h, w, (y, x) -> rgb + x, "png"));
    }

    @Test
    void classesAreTheSortedSubFolders() throws Exception {
        png("pets/dog/b.png", 4, 6, 0x101010);
        png("pets/cat/a.png", 4, 6, 0x202020);
        png("pets/dog/a.png", 4, 6, 0x303030);
        ImageFolderSource source = new ImageFolderSource(root, new ImageFolderParams("pets", null, null, 3));
        assertEquals(new ImageShape(4, 6, 3), source.shape());
        assertEquals(2, source.numClasses());
        ImageSet set = source.load("all", LoadRequest.all("image_folder/all"));
        assertArrayEquals(new int[] {0, 1, 1}, set.labels(), "cat/a, dog/a, dog/b");
        assertEquals(0x20, set.images()[0][0] & 0xFF);
        assertEquals(0x30, set.images()[1][0] & 0xFF);
        assertEquals(0x10 + 5, set.images()[2][3 * 5 + 2] & 0xFF, "blue of the last column");
    }

    @Test
    void aFlatFolderIsUnlabelledAndChannelsAreConverted() throws Exception {
        png("flat/x.png", 2, 2, 0xFF0000);
        ImageFolderSource source = new ImageFolderSource(root, new ImageFolderParams(root.resolve("flat").toString(), 2, 2, 1));
        ImageSet set = source.load("all", LoadRequest.all("f"));
        assertNull(set.labels());
        assertEquals(0, source.numClasses());
        assertEquals(new ImageShape(2, 2, 1), set.shape());
        assertEquals(76, set.images()[0][0] & 0xFF);
    }

    @Test
    void badFoldersAndImagesOfAnotherSizeAreExplained() throws Exception {
        png("mixed/a.png", 2, 2, 0);
        png("mixed/sub/b.png", 2, 2, 0);
        BadInputException mixed = assertThrows(BadInputException.class,
                () -> new ImageFolderSource(root, new ImageFolderParams("mixed", null, null, 3)).shape());
        assertTrue(mixed.getMessage().contains("mixes images"), mixed.getMessage());
        assertThrows(BadInputException.class, () -> new ImageFolderSource(root, new ImageFolderParams("nowhere", 2, 2, 3)).numClasses());
        assertThrows(BadInputException.class, () -> new ImageFolderSource(root, new ImageFolderParams("x", 2, 2, 2)));
        png("sizes/a.png", 2, 2, 0);
        png("sizes/b.png", 3, 3, 0);
        var e = assertThrows(org.oodrunner.framework.errors.RunFailedException.class,
                () -> new ImageFolderSource(root, new ImageFolderParams("sizes", null, null, 3)).load("all", LoadRequest.all("s")));
        assertTrue(e.getMessage().contains("b.png: this image is 3x3x3") && e.getMessage().contains("resize"), e.getMessage());
    }
}
