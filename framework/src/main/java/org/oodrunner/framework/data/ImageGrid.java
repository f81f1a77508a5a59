package org.oodrunner.framework.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/**
 * Lays out images (floats in [0,1], [n, H, W, C] row-major, C = 1 or 3) in a near-square grid
 * with a grey border and writes it as an 8-bit PNG.
 */
public final class ImageGrid {
    /** Pixels between images and around the grid. */
    public static final int PADDING = 2;
    private static final int BORDER = 128;

    private ImageGrid() {}

    /** Columns of the grid for n images: ceil(sqrt(n)). */
    public static int columns(int n) {
        int c = (int) Math.ceil(Math.sqrt(n));
        return Math.max(1, c);
    }

    public static boolean supports(ImageShape shape) {
        return shape.channels() == 1 || shape.channels() == 3;
    }

    public static BufferedImage render(float[] images, int n, ImageShape shape) {
        if (!supports(shape)) throw new IllegalArgumentException("a PNG grid needs 1 or 3 channels, not " + shape.channels());
        if (images.length != n * shape.dims()) {
            throw new IllegalArgumentException(images.length + " values are not " + n + " images of " + shape);
        }
        int cols = columns(n);
        int rows = (n + cols - 1) / cols;
        int h = shape.height();
        int w = shape.width();
        int c = shape.channels();
        BufferedImage grid = new BufferedImage(PADDING + cols * (w + PADDING), PADDING + rows * (h + PADDING),
                BufferedImage.TYPE_INT_RGB);
        int grey = BORDER << 16 | BORDER << 8 | BORDER;
        for (int y = 0; y < grid.getHeight(); y++) {
            for (int x = 0; x < grid.getWidth(); x++) grid.setRGB(x, y, grey);
        }
        for (int i = 0; i < n; i++) {
            int top = PADDING + (i / cols) * (h + PADDING);
            int left = PADDING + (i % cols) * (w + PADDING);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int at = ((i * h + y) * w + x) * c;
                    int r = level(images[at]);
                    int g = c == 3 ? level(images[at + 1]) : r;
                    int b = c == 3 ? level(images[at + 2]) : r;
                    grid.setRGB(left + x, top + y, r << 16 | g << 8 | b);
                }
            }
        }
        return grid;
    }

    /** Writes the grid atomically (a reader never sees half a PNG). */
    public static void writePng(float[] images, int n, ImageShape shape, Path file) {
        BufferedImage grid = render(images, n, shape);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            if (!ImageIO.write(grid, "png", tmp.toFile())) throw new IOException("no PNG writer available");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** [0,1] -> 0..255; values outside are clipped, NaN is black. */
    static int level(float v) {
        if (!(v > 0)) return 0;
        if (v >= 1) return 255;
        return Math.round(v * 255f);
    }
}
