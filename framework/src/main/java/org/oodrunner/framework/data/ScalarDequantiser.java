package org.oodrunner.framework.data;

/**
 * The {@link Dequantiser} in plain Java: one SplitMix64 draw serves four values. The reference
 * the vector kernel is tested against, and the one used wherever that kernel is not.
 */
final class ScalarDequantiser implements Dequantiser {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** (level of byte b) << 16. */
    private final int[] levelHigh = new int[256];
    private final boolean noise;
    private final float scale;

    ScalarDequantiser(int bits, boolean noise) {
        this.noise = noise;
        for (int b = 0; b < 256; b++) levelHigh[b] = (b >>> (8 - bits)) << 16;
        this.scale = (float) Math.scalb(1.0, -(16 + bits));
    }

    @Override
    public String kind() {
        return "scalar";
    }

    @Override
    public void toFloats(byte[] src, float[] dst, int offset, long noiseKey) {
        toFloats(src, dst, offset, noiseKey, 0);
    }

    /** Values {@code from} (a multiple of 4) to the end of the image. */
    void toFloats(byte[] src, float[] dst, int offset, long noiseKey, int from) {
        int n = src.length;
        if (!noise) {
            for (int i = from; i < n; i++) dst[offset + i] = (levelHigh[src[i] & 0xFF] | 0x8000) * scale;
            return;
        }
        long state = noiseKey + (from >>> 2) * GOLDEN;
        int i = from;
        for (; i + 4 <= n; i += 4) {
            long z = mix(state += GOLDEN);
            dst[offset + i] = (levelHigh[src[i] & 0xFF] | (int) (z & 0xFFFF)) * scale;
            dst[offset + i + 1] = (levelHigh[src[i + 1] & 0xFF] | (int) ((z >>> 16) & 0xFFFF)) * scale;
            dst[offset + i + 2] = (levelHigh[src[i + 2] & 0xFF] | (int) ((z >>> 32) & 0xFFFF)) * scale;
            dst[offset + i + 3] = (levelHigh[src[i + 3] & 0xFF] | (int) (z >>> 48)) * scale;
        }
        if (i < n) {
            long z = mix(state + GOLDEN);
            for (; i < n; i++, z >>>= 16) dst[offset + i] = (levelHigh[src[i] & 0xFF] | (int) (z & 0xFFFF)) * scale;
        }
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value from a counter. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
