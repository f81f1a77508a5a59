package org.oodrunner.framework.data;

import java.util.SplittableRandom;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/**
 * The per-batch part of a run's preprocessing: training-only augmentation, then 8-bit images
 * to model inputs in [0,1]: reduce to {@code bits} bits, then dequantise
 * ({@code x = (level + u) / levels}, u ~ U[0,1), or the bin centre without noise). Applied
 * identically to every dataset of a run (augmentation only to training batches).
 *
 * <p>The noise u has 16 bits of resolution: {@code x = (level * 2^16 + k) / (levels * 2^16)}
 * with k uniform in 0..65535, computed exactly in float32. For values in [0.5, 1) that is
 * every float32 of the bin, so nothing finer could reach the model; it lets one 64-bit random
 * draw serve four values, which keeps batch assembly far faster than a training step.
 */
public final class Preprocessing {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int bits;
    private final int levels;
    private final boolean uniformNoise;
    private final Augmentation augmentation;
    /** (level of byte b) << 16, and the bin centre's 16-bit offset added without noise. */
    private final int[] levelHigh = new int[256];
    private final float scale;

    public Preprocessing(PreprocessSpec spec) {
        this.bits = spec.bits();
        this.levels = spec.levels();
        this.uniformNoise = spec.dequantize() == PreprocessSpec.Dequantization.UNIFORM;
        this.augmentation = new Augmentation(spec.randomFlip(), spec.randomCrop());
        for (int b = 0; b < 256; b++) levelHigh[b] = level(b) << 16;
        this.scale = (float) Math.scalb(1.0, -(16 + bits));
    }

    public int levels() {
        return levels;
    }

    /** True when uniform noise is added to the levels; false when values sit at bin centres. */
    public boolean addsNoise() {
        return uniformNoise;
    }

    /** The training-only augmentation (random flip, random crop). */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** The integer level (0 .. levels-1) of an 8-bit value. */
    public int level(int byteValue) {
        return byteValue >>> (8 - bits);
    }

    /**
     * Writes image {@code src} into {@code dst} at {@code offset} as floats in [0,1].
     *
     * @param noise the source of dequantisation noise (one draw per image); unused without
     *     uniform dequantisation
     */
    public void toFloats(byte[] src, float[] dst, int offset, SplittableRandom noise) {
        toFloats(src, dst, offset, uniformNoise ? noise.nextLong() : 0);
    }

    /**
     * Writes image {@code src} into {@code dst} at {@code offset} as floats in [0,1].
     *
     * @param noiseKey seeds this image's dequantisation noise (a counter-based SplitMix64
     *     stream, four 16-bit values per draw); unused without uniform dequantisation
     */
    public void toFloats(byte[] src, float[] dst, int offset, long noiseKey) {
        int n = src.length;
        if (!uniformNoise) {
            for (int i = 0; i < n; i++) dst[offset + i] = (levelHigh[src[i] & 0xFF] | 0x8000) * scale;
            return;
        }
        long state = noiseKey;
        int i = 0;
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
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * bits/dim of the discrete data from a model's log-density over [0,1]^D:
     * {@code (-log p(x) + D log(levels)) / (D ln 2)}.
     */
    public double bitsPerDim(double logDensity, int dims) {
        return bitsPerDim(logDensity, dims, levels);
    }

    /** {@link #bitsPerDim(double, int)} for data quantised to {@code levels} levels. */
    public static double bitsPerDim(double logDensity, int dims, int levels) {
        return (-logDensity + dims * Math.log(levels)) / (dims * Math.log(2));
    }
}
