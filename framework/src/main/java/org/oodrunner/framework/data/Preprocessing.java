package org.oodrunner.framework.data;

import java.util.SplittableRandom;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/**
 * Turns 8-bit images into model inputs in [0,1]: reduce to {@code bits} bits, then dequantise
 * ({@code x = (level + u) / levels}, u ~ U[0,1), or the bin centre without noise). Applied
 * per batch, identically to every dataset of a run.
 */
public final class Preprocessing {
    private final int bits;
    private final int levels;
    private final boolean uniformNoise;
    private final float[] centres;
    private final float[] lastInBin;

    public Preprocessing(PreprocessSpec spec) {
        this.bits = spec.bits();
        this.levels = spec.levels();
        this.uniformNoise = spec.dequantize() == PreprocessSpec.Dequantization.UNIFORM;
        this.centres = new float[256];
        this.lastInBin = new float[256];
        for (int b = 0; b < 256; b++) {
            centres[b] = (level(b) + 0.5f) / levels;
            lastInBin[b] = Math.nextDown((level(b) + 1f) / levels);
        }
    }

    public int levels() {
        return levels;
    }

    /** The integer level (0 .. levels-1) of an 8-bit value. */
    public int level(int byteValue) {
        return byteValue >>> (8 - bits);
    }

    /**
     * Writes image {@code src} into {@code dst} at {@code offset} as floats in [0,1].
     *
     * @param noise the source of dequantisation noise; unused without uniform dequantisation
     */
    public void toFloats(byte[] src, float[] dst, int offset, SplittableRandom noise) {
        if (!uniformNoise) {
            for (int i = 0; i < src.length; i++) dst[offset + i] = centres[src[i] & 0xFF];
            return;
        }
        float scale = 1f / levels;
        for (int i = 0; i < src.length; i++) {
            int b = src[i] & 0xFF;
            float u = (float) noise.nextDouble();
            // level + u rounds up to level + 1 in float when u is within half an ulp of 1; keep x
            // inside the level's bin, so that floor(x * levels) gives the level back (discrete models rely on it).
            dst[offset + i] = Math.min((level(b) + u) * scale, lastInBin[b]);
        }
    }

    /**
     * bits/dim of the discrete data from a model's log-density over [0,1]^D:
     * {@code (-log p(x) + D log(levels)) / (D ln 2)}.
     */
    public double bitsPerDim(double logDensity, int dims) {
        return (-logDensity + dims * Math.log(levels)) / (dims * Math.log(2));
    }
}
