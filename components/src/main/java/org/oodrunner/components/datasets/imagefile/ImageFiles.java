package org.oodrunner.components.datasets.imagefile;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.oodrunner.framework.data.DecodedImage;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.UnreadableImageException;
import org.oodrunner.framework.data.transform.ChannelConversion;

/**
 * Decodes PNG and JPEG files (anything {@code javax.imageio} reads) into 8-bit images with 1
 * or 3 channels. Gray images keep their stored values (no colour-space round trip); colour
 * images give their sRGB values; alpha is dropped; 16-bit samples keep their top 8 bits.
 * Gray and colour are converted to the asked channel count like {@link ChannelConversion}.
 */
public final class ImageFiles {
    private ImageFiles() {}

    /** Decodes {@code bytes} to an image with {@code channels} (1 or 3) channels. */
    public static DecodedImage decode(byte[] bytes, int channels) throws UnreadableImageException {
        BufferedImage img;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                img = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        return toBytes(img, channels);
    }

    /** Width and height from the file's header, without decoding the pixels. */
    public static ImageShape size(InputStream file, int channels) throws UnreadableImageException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(file)) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                return new ImageShape(reader.getHeight(0), reader.getWidth(0), channels);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private static ImageReader reader(ImageInputStream in) throws UnreadableImageException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) throw new UnreadableImageException("not an image format Java can read");
        return readers.next();
    }

    static DecodedImage toBytes(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        boolean gray = img.getColorModel().getNumColorComponents() == 1;
        int natural = gray ? 1 : 3;
        byte[] px = new byte[w * h * natural];
        if (gray && img.getColorModel() instanceof ComponentColorModel) {
            // The stored gray values, not getRGB()'s linear-to-sRGB conversion of them.
            int bits = img.getColorModel().getComponentSize(0);
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) px[y * w + x] = (byte) (bits > 8 ? row[x] >>> (bits - 8) : row[x]);
            }
        } else {
            int[] rgb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, rgb, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = rgb[x];
                    if (gray) {
                        px[y * w + x] = (byte) ((p >>> 16) & 0xFF);
                    } else {
                        int o = 3 * (y * w + x);
                        px[o] = (byte) ((p >>> 16) & 0xFF);
                        px[o + 1] = (byte) ((p >>> 8) & 0xFF);
                        px[o + 2] = (byte) (p & 0xFF);
                    }
                }
            }
        }
        ImageShape shape = new ImageShape(h, w, natural);
        if (natural == channels) return new DecodedImage(px, shape);
        ChannelConversion convert = new ChannelConversion(channels);
        return new DecodedImage(convert.apply(px, shape), convert.outputShape(shape));
    }
}
