package org.oodrunner.components.models.pixelcnn;

/**
 * Kernel masks that keep a PixelCNN autoregressive. Sub-pixels are ordered in raster order,
 * and within a pixel by channel, R -> G -> B (van den Oord et al. 2016). Every feature map
 * belongs to a channel group; a feature of group g at pixel (i, j) may depend on every earlier
 * pixel and, at (i, j) itself, only on the channels before g. So at the kernel tap of the
 * output pixel, an input feature of group gi feeds an output feature of group go when
 * gi < go (mask A, the first layer, whose inputs are the pixel values themselves) or gi <= go
 * (mask B, every later layer, whose inputs already obey the rule). With one channel, mask A
 * drops the centre tap and mask B keeps it.
 */
final class CausalMask {
    /** Which input groups the centre tap connects: strictly earlier (A) or also the same (B). */
    enum Centre {
        A,
        B
    }

    private CausalMask() {}

    /**
     * A 0/1 mask in the kernel layout [kh, kw, in, out] for a kernel whose output pixel sits at
     * tap (cy, cx): taps in rows above cy are kept, in row cy those left of cx are kept, the
     * tap (cy, cx) follows the channel-group rule, the rest is dropped.
     */
    static float[] raster(int kh, int kw, int cy, int cx, int[] inGroups, int[] outGroups, Centre centre) {
        int in = inGroups.length;
        int out = outGroups.length;
        float[] mask = new float[kh * kw * in * out];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                boolean before = y < cy || (y == cy && x < cx);
                boolean atCentre = y == cy && x == cx;
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        boolean keep = before || (atCentre && (centre == Centre.A
                                ? inGroups[i] < outGroups[o] : inGroups[i] <= outGroups[o]));
                        if (keep) mask[((y * kw + x) * in + i) * out + o] = 1f;
                    }
                }
            }
        }
        return mask;
    }

    /** Feature j belongs to group j mod channels: the image's own channels, and every hidden layer. */
    static int[] cyclicGroups(int features, int channels) {
        int[] g = new int[features];
        for (int j = 0; j < features; j++) g[j] = j % channels;
        return g;
    }

    /**
     * The groups of a gated layer's pre-activation, 2 * width features that split into a
     * tanh half and a sigmoid half: feature j and feature j + width must share a group, since
     * the gate multiplies them.
     */
    static int[] gatePairGroups(int width, int channels) {
        int[] g = new int[2 * width];
        for (int j = 0; j < 2 * width; j++) g[j] = (j % width) % channels;
        return g;
    }
}
