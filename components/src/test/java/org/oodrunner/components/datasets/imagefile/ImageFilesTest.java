package org.oodrunner.components.datasets.imagefile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.DecodedImage;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.UnreadableImageException;

class ImageFilesTest {
    @Test
    void grayPngKeepsItsStoredValuesAndRgbPngItsColours() throws Exception {
        DecodedImage gray = ImageFiles.decode(ImageFixtures.grayPng(3, 5, (y, x) -> 40 * y + x), 1);
        assertEquals(new ImageShape(3, 5, 1), gray.shape());
        assertEquals(82, gray.pixels()[2 * 5 + 2] & 0xFF, "no gamma conversion of gray values");
        DecodedImage rgb = ImageFiles.decode(ImageFixtures.rgb(2, 2, (y, x) -> 0x102030 + x, "png"), 3);
        assertEquals(0x10, rgb.pixels()[3] & 0xFF);
        assertEquals(0x20, rgb.pixels()[4] & 0xFF);
        assertEquals(0x31, rgb.pixels()[5] & 0xFF);
        DecodedImage asGray = ImageFiles.decode(ImageFixtures.rgb(1, 1, (y, x) -> 0xFF0000, "png"), 1);
        assertEquals(76, asGray.pixels()[0] & 0xFF, "RGB to gray with PIL's luma");
        DecodedImage grayAsRgb = ImageFiles.decode(ImageFixtures.grayPng(1, 1, (y, x) -> 9), 3);
        assertEquals(9, grayAsRgb.pixels()[2]);
    }

    @Test
    void sizeComesFromTheHeaderAndGarbageIsUnreadable() throws Exception {
        byte[] png = ImageFixtures.grayPng(7, 11, (y, x) -> 0);
        assertEquals(new ImageShape(7, 11, 3), ImageFiles.size(new ByteArrayInputStream(png), 3));
        assertThrows(UnreadableImageException.class, () -> ImageFiles.decode("not an image".getBytes(), 1));
        byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
        assertThrows(UnreadableImageException.class, () -> ImageFiles.decode(cut, 1));
        assertThrows(UnreadableImageException.class, () -> ImageFiles.decode(new byte[0], 1));
    }

    @Test
    void jpegDecodesCloseToTheEncodedColours() throws IOException, UnreadableImageException {
        DecodedImage jpeg = ImageFiles.decode(ImageFixtures.rgb(16, 16, (y, x) -> 0x4080C0, "jpg"), 3);
        assertEquals(0x40, jpeg.pixels()[0] & 0xFF, 3);
        assertEquals(0x80, jpeg.pixels()[1] & 0xFF, 3);
        assertEquals(0xC0, jpeg.pixels()[2] & 0xFF, 3);
    }
}
