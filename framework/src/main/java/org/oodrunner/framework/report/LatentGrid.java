package org.oodrunner.framework.report;

import java.awt.image.BufferedImage;
import java.util.List;
import org.oodrunner.framework.data.ImageShape;

/**
 * Images next to their latents z = f(x) under a flow, one row per image (Kirichenko et al. 2020,
 * figure 3: the latents of a flow still look like the image). The first panel of a row is the
 * image; then one panel per level of latents (the factored-out parts, then the top), first
 * unsqueezed (depth to space, the inverse of the flows' squeeze) while its channels divide by 4
 * and it stays within the image's height, so each value sits where its pixels were; then each
 * channel a tile of h x w in a near-square mosaic, z from -3 to 3 drawn black to white (a
 * standard normal's range; beyond it clipped), and every panel scaled up by whole pixels to
 * about the image's height, so a coarse level is as visible as a fine one.
 */
public final class LatentGrid {
    /** Grey between panels and rows. */
    private static final int BORDER = 0x808080;
    private static final int PADDING = 3;
    /** The latent value drawn white; minus it is black. */
    static final float RANGE = 3f;

    private LatentGrid() {}

    /** One level's latents of one image: {@code values} in [h, w, c] order. */
    public record Panel(float[] values, ImageShape shape) {}

    /**
     * @param images per row, the image in [0,1], [H, W, C] with 1 or 3 channels
     * @param latents per row, its latents by level
     */
    public static BufferedImage render(List<float[]> images, ImageShape imageShape, List<List<Panel>> squeezed) {
        if (images.size() != squeezed.size()) throw new IllegalArgumentException("one list of latents per image");
        List<List<Panel>> latents = squeezed.stream()
                .map(row -> row.stream().map(p -> unsqueezed(p, imageShape.height())).toList()).toList();
        if (images.isEmpty()) throw new IllegalArgumentException("no images");
        int rowHeight = imageShape.height();
        int width = PADDING + imageShape.width() + PADDING;
        List<Panel> first = latents.get(0);
        int[] scale = new int[first.size()];
        for (int l = 0; l < first.size(); l++) {
            ImageShape s = first.get(l).shape();
            int[] tiles = tiles(s.channels());
            int h = tiles[0] * s.height() + tiles[0] - 1;
            scale[l] = Math.max(1, Math.round((float) imageShape.height() / h));
            rowHeight = Math.max(rowHeight, h * scale[l]);
            width += (tiles[1] * s.width() + tiles[1] - 1) * scale[l] + PADDING;
        }
        BufferedImage out = new BufferedImage(width, PADDING + images.size() * (rowHeight + PADDING),
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) out.setRGB(x, y, BORDER);
        }
        for (int r = 0; r < images.size(); r++) {
            int top = PADDING + r * (rowHeight + PADDING);
            int left = PADDING;
            drawImage(out, images.get(r), imageShape, left, top);
            left += imageShape.width() + PADDING;
            for (int l = 0; l < first.size(); l++) {
                Panel p = latents.get(r).get(l);
                left += drawLatent(out, p, scale[l], left, top) + PADDING;
            }
        }
        return out;
    }

    /**
     * {@code p} after as many depth-to-space steps (block 2, TensorFlow's channel order) as its
     * channels allow (a multiple of 4) without growing past {@code maxHeight}.
     */
    static Panel unsqueezed(Panel p, int maxHeight) {
        while (p.shape().channels() % 4 == 0 && p.shape().height() * 2 <= maxHeight) p = depthToSpace(p);
        return p;
    }

    /** [h, w, 4c] to [2h, 2w, c]: out[y][x][k] = in[y/2][x/2][((y%2) * 2 + x%2) * c + k]. */
    static Panel depthToSpace(Panel p) {
        ImageShape in = p.shape();
        ImageShape out = new ImageShape(in.height() * 2, in.width() * 2, in.channels() / 4);
        float[] v = new float[out.dims()];
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                for (int k = 0; k < out.channels(); k++) {
                    int from = ((y / 2) * in.width() + x / 2) * in.channels() + ((y % 2) * 2 + x % 2) * out.channels() + k;
                    v[(y * out.width() + x) * out.channels() + k] = p.values()[from];
                }
            }
        }
        return new Panel(v, out);
    }

    /** {@code image} scaled up {@code factor} times by repeating pixels (small images are hard to see). */
    public static BufferedImage zoomed(BufferedImage image, int factor) {
        if (factor == 1) return image;
        BufferedImage out = new BufferedImage(image.getWidth() * factor, image.getHeight() * factor,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) out.setRGB(x, y, image.getRGB(x / factor, y / factor));
        }
        return out;
    }

    /** Rows and columns of the mosaic of {@code c} channel tiles: near square, wider than tall. */
    static int[] tiles(int c) {
        int cols = (int) Math.ceil(Math.sqrt(c));
        return new int[] {(c + cols - 1) / cols, cols};
    }

    private static void drawImage(BufferedImage out, float[] image, ImageShape s, int left, int top) {
        int c = s.channels();
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                int at = (y * s.width() + x) * c;
                int r = level(image[at]);
                int g = c == 3 ? level(image[at + 1]) : r;
                int b = c == 3 ? level(image[at + 2]) : r;
                out.setRGB(left + x, top + y, r << 16 | g << 8 | b);
            }
        }
    }

    /** Draws one level's mosaic; returns its width in pixels. */
    private static int drawLatent(BufferedImage out, Panel p, int scale, int left, int top) {
        ImageShape s = p.shape();
        int[] tiles = tiles(s.channels());
        for (int ch = 0; ch < s.channels(); ch++) {
            int tileTop = top + (ch / tiles[1]) * (s.height() + 1) * scale;
            int tileLeft = left + (ch % tiles[1]) * (s.width() + 1) * scale;
            for (int y = 0; y < s.height(); y++) {
                for (int x = 0; x < s.width(); x++) {
                    float z = p.values()[(y * s.width() + x) * s.channels() + ch];
                    int v = level((z + RANGE) / (2 * RANGE));
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            out.setRGB(tileLeft + x * scale + dx, tileTop + y * scale + dy, v << 16 | v << 8 | v);
                        }
                    }
                }
            }
        }
        return (tiles[1] * s.width() + tiles[1] - 1) * scale;
    }

    /** [0,1] -> 0..255; values outside are clipped, NaN is black. */
    static int level(float v) {
        if (!(v > 0)) return 0;
        if (v >= 1) return 255;
        return Math.round(v * 255f);
    }
}
