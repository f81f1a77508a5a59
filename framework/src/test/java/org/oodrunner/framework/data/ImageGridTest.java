package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void greyImagesLandInANearSquareGridAsWrittenToPng() throws IOException {
        ImageShape shape = new ImageShape(2, 3, 1);
        // 3 images of 2x3: image i has value (i + 1) / 4 everywhere, except a black/white/NaN/overflow corner.
        float[] x = new float[3 * 6];
        for (int i = 0; i < 3; i++) java.util.Arrays.fill(x, i * 6, i * 6 + 6, (i + 1) / 4f);
        x[0] = 0f;
        x[1] = 1f;
        x[2] = Float.NaN;
        x[3] = 7f;
        x[4] = -3f;
        Path png = dir.resolve("grid.png");
        ImageGrid.writePng(x, 3, shape, png);
        BufferedImage read = ImageIO.read(png.toFile());
        int p = ImageGrid.PADDING;
        assertEquals(p + 2 * (3 + p), read.getWidth(), "2 columns");
        assertEquals(p + 2 * (2 + p), read.getHeight(), "2 rows");
        assertEquals(0, grey(read, p, p));
        assertEquals(255, grey(read, p + 1, p));
        assertEquals(0, grey(read, p + 2, p), "NaN is black");
        assertEquals(255, grey(read, p, p + 1), "clipped to 1");
        assertEquals(0, grey(read, p + 1, p + 1), "clipped to 0");
        assertEquals(Math.round(0.25f * 255), grey(read, p + 2, p + 1));
        assertEquals(Math.round(0.5f * 255), grey(read, p + 3 + p, p), "second image, right of the first");
        assertEquals(Math.round(0.75f * 255), grey(read, p, p + 2 + p), "third image, below the first");
        assertEquals(128, grey(read, 0, 0), "grey border");
        assertEquals(128, grey(read, read.getWidth() - 1, read.getHeight() - 1), "the empty fourth cell is border");
    }

    @Test
    void colourChannelsBecomeRedGreenBlue() throws IOException {
        ImageShape shape = new ImageShape(1, 1, 3);
        Path png = dir.resolve("rgb.png");
        ImageGrid.writePng(new float[] {1f, 0.5f, 0f}, 1, shape, png);
        int rgb = ImageIO.read(png.toFile()).getRGB(ImageGrid.PADDING, ImageGrid.PADDING);
        assertEquals(255, rgb >> 16 & 0xFF);
        assertEquals(128, rgb >> 8 & 0xFF);
        assertEquals(0, rgb & 0xFF);
    }

    @Test
    void refusesChannelCountsAPngCannotShow() {
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.render(new float[2], 1, new ImageShape(1, 1, 2)));
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        assertEquals(rgb & 0xFF, rgb >> 16 & 0xFF, "grey pixels have equal channels");
        return rgb & 0xFF;
    }
}
