package org.oodrunner.framework.data.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.ResizeMethod;

class ImagePipelineTest {
    /** An image whose values count 0, 1, 2, ... in storage order. */
    private static byte[] ramp(int h, int w, int c) {
        byte[] b = new byte[h * w * c];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        return b;
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) out[i] = b[i] & 0xFF;
        return out;
    }

    @Test
    void centerCropKeepsTheMiddleRoundingTheOffsetDown() {
        ImageShape in = new ImageShape(5, 4, 1);
        byte[] img = ramp(5, 4, 1);
        CenterCrop crop = new CenterCrop(2);
        assertEquals(new ImageShape(2, 2, 1), crop.outputShape(in));
        // top = (5-2)/2 = 1, left = (4-2)/2 = 1: rows 1-2, columns 1-2.
        assertArrayEquals(new int[] {5, 6, 9, 10}, unsigned(crop.apply(img, in)));
    }

    @Test
    void centerCropLargerThanTheImageNamesItsField() {
        PreprocessException e = assertThrows(PreprocessException.class,
                () -> new CenterCrop(30).outputShape(new ImageShape(28, 28, 1)));
        assertEquals("center_crop", e.field());
        assertTrue(e.getMessage().contains("28x28x1"), e.getMessage());
    }

    @Test
    void padSurroundsWithBlack() {
        ImageShape in = new ImageShape(1, 2, 2);
        byte[] img = {1, 2, 3, 4};
        byte[] out = new Pad(1).apply(img, in);
        assertEquals(new ImageShape(3, 4, 2), new Pad(1).outputShape(in));
        int[] expected = new int[3 * 4 * 2];
        expected[(1 * 4 + 1) * 2] = 1;
        expected[(1 * 4 + 1) * 2 + 1] = 2;
        expected[(1 * 4 + 2) * 2] = 3;
        expected[(1 * 4 + 2) * 2 + 1] = 4;
        assertArrayEquals(expected, unsigned(out));
    }

    @Test
    void grayscaleUsesPilsRoundedLumaAndRgbCopiesGray() {
        ImageShape rgb = new ImageShape(1, 4, 3);
        byte[] img = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30};
        // PIL: L = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16
        assertArrayEquals(new int[] {76, 150, 29, 18}, unsigned(new ChannelConversion(1).apply(img, rgb)));
        byte[] gray = {7, (byte) 200};
        assertArrayEquals(new int[] {7, 7, 7, 200, 200, 200},
                unsigned(new ChannelConversion(3).apply(gray, new ImageShape(1, 2, 1))));
        assertSame(gray, new ChannelConversion(1).apply(gray, new ImageShape(1, 2, 1)));
    }

    @Test
    void channelConversionRefusesOtherCounts() {
        assertEquals("channels", assertThrows(PreprocessException.class, () -> new ChannelConversion(2)).field());
        assertEquals("channels", assertThrows(PreprocessException.class,
                () -> new ChannelConversion(3).outputShape(new ImageShape(2, 2, 4))).field());
    }

    @Test
    void bitDepthClearsTheLowBits() {
        byte[] img = {(byte) 0xFF, (byte) 0x80, 0x7F, 0x01};
        assertArrayEquals(new int[] {0xE0, 0x80, 0x60, 0x00}, unsigned(new BitDepth(3).apply(img, new ImageShape(1, 4, 1))));
    }

    @Test
    void nearestResizePicksSourcePixelsAtHalfPixelCentres() {
        ImageShape in = new ImageShape(4, 4, 1);
        // Output (y, x) reads source floor((y + 0.5) * 2), floor((x + 0.5) * 2) = 1 and 3.
        assertArrayEquals(new int[] {5, 7, 13, 15}, unsigned(new Resize(2, ResizeMethod.NEAREST).apply(ramp(4, 4, 1), in)));
    }

    @Test
    void areaResizeAveragesBlocksExactly() {
        ImageShape in = new ImageShape(4, 4, 1);
        // Means of the 2x2 blocks of 0..15: 2.5, 4.5, 10.5, 12.5 rounded half up.
        assertArrayEquals(new int[] {3, 5, 11, 13}, unsigned(new Resize(2, ResizeMethod.AREA).apply(ramp(4, 4, 1), in)));
        // Shrinking 3 -> 2: each output covers 1.5 source pixels: (a + b/2) / 1.5 per axis.
        byte[] out = new Resize(2, ResizeMethod.AREA).apply(new byte[] {0, 90, (byte) 180, 0, 90, (byte) 180, 0, 90, (byte) 180},
                new ImageShape(3, 3, 1));
        assertArrayEquals(new int[] {30, 150, 30, 150}, unsigned(out));
    }

    @Test
    void bilinearUpsamplingInterpolatesBetweenCentres() {
        // 1x2 -> 4x4: columns sample source x = -0.25, 0.25, 0.75, 1.25 -> clamped 0, 0.25, 0.75, 1.
        byte[] img = {0, 100, 0, 100};
        byte[] out = new Resize(4, ResizeMethod.BILINEAR).apply(img, new ImageShape(2, 2, 1));
        int[] row = {0, 25, 75, 100};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) assertEquals(row[x], out[y * 4 + x] & 0xFF, "pixel " + y + "," + x);
        }
    }

    @Test
    void resizeKeepsChannelsApart() {
        ImageShape in = new ImageShape(2, 2, 3);
        byte[] img = {10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30};
        for (ResizeMethod m : ResizeMethod.values()) {
            assertArrayEquals(new int[] {10, 20, 30}, unsigned(new Resize(1, m).apply(img, in)), m.name());
        }
    }

    @Test
    void pipelineRunsCropResizePadChannelsBitsInThatOrder() {
        PreprocessSpec spec = PreprocessSpec.defaults().withGeometry(4, 2, ResizeMethod.AREA, 1, 3).withQuantization(7,
                PreprocessSpec.Dequantization.UNIFORM);
        ImagePipeline p = ImagePipeline.of(spec);
        ImageShape in = new ImageShape(6, 6, 1);
        assertEquals(new ImageShape(4, 4, 3), p.outputShape(in));
        byte[] img = new byte[36];
        for (int i = 0; i < 36; i++) img[i] = (byte) (i * 7);
        byte[] out = p.apply(img, in);
        // Crop rows/cols 1..4, area 2x2 means, pad 1, gray -> RGB, clear the lowest bit.
        int topLeft = Math.round((7 * (7 + 8 + 13 + 14)) / 4f);
        int expected = topLeft & 0xFE;
        int at = (1 * 4 + 1) * 3;
        assertEquals(expected, out[at] & 0xFF);
        assertEquals(expected, out[at + 2] & 0xFF);
        assertEquals(0, out[0]);
        assertTrue(ImagePipeline.of(PreprocessSpec.defaults()).isIdentity());
    }
}
