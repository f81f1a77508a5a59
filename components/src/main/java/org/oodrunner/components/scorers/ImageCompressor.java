package org.oodrunner.components.scorers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.oodrunner.framework.data.ImageShape;

/**
 * The length in bits of an image compressed by one of the JDK's image writers: PNG (lossless)
 * or JPEG at a given quality. The whole file counts, container included; its overhead is the
 * same for every image of a shape, so it shifts scores without reordering them. One- and
 * three-channel images are written as gray and RGB; other channel counts as one gray image per
 * channel, the lengths summed. Not thread-safe: one compressor per thread.
 */
final class ImageCompressor implements AutoCloseable {
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);

    /** @param jpegQuality 1..100, used by JPEG only */
    ImageCompressor(InputComplexityParams.Compressor format, int jpegQuality) {
        String name = format == InputComplexityParams.Compressor.PNG ? "png" : "jpeg";
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(name);
        if (!writers.hasNext()) throw new IllegalStateException("this JDK has no " + name + " image writer");
        writer = writers.next();
        param = writer.getDefaultWriteParam();
        if (format == InputComplexityParams.Compressor.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
        }
    }

    /** Bits of the compressed image; {@code values} are H*W*C bytes, channels last. */
    long bits(byte[] values, ImageShape shape) {
        int c = shape.channels();
        if (c == 1 || c == 3) return 8L * encodedBytes(image(values, shape, c == 1 ? -1 : 0, c));
        long total = 0;
        for (int ch = 0; ch < c; ch++) total += 8L * encodedBytes(image(values, shape, ch, c));
        return total;
    }

    /** @param channel -1 or 0 with 1 channel: as is; 0 with 3 channels: RGB; otherwise that channel as gray */
    private static BufferedImage image(byte[] values, ImageShape shape, int channel, int channels) {
        int w = shape.width();
        int h = shape.height();
        boolean rgb = channels == 3;
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        int bands = rgb ? 3 : 1;
        int[] samples = new int[w * h * bands];
        for (int p = 0; p < w * h; p++) {
            if (rgb) {
                for (int b = 0; b < 3; b++) samples[p * 3 + b] = values[p * 3 + b] & 0xFF;
            } else {
                samples[p] = values[p * channels + Math.max(0, channel)] & 0xFF;
            }
        }
        img.getRaster().setPixels(0, 0, w, h, samples);
        return img;
    }

    private int encodedBytes(BufferedImage img) {
        buffer.reset();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compress an image", e);
        }
        return buffer.size();
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
