package org.oodrunner.components.datasets.imagefile;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** PNG and JPEG files written by javax.imageio, for fixtures. */
public final class ImageFixtures {
    private ImageFixtures() {}

    /** An 8-bit gray PNG whose pixel (y, x) is {@code value(y, x)}. */
    public static byte[] grayPng(int h, int w, java.util.function.IntBinaryOperator value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.getRaster().setSample(x, y, 0, value.applyAsInt(y, x));
        }
        return encode(img, "png");
    }

    /** An RGB image whose pixel (y, x) has colour {@code rgb(y, x)} (0xRRGGBB), as PNG or JPEG. */
    public static byte[] rgb(int h, int w, java.util.function.IntBinaryOperator rgb, String format) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) img.setRGB(x, y, rgb.applyAsInt(y, x));
        }
        return encode(img, format);
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) throw new IOException("no " + format + " writer");
        return out.toByteArray();
    }
}
