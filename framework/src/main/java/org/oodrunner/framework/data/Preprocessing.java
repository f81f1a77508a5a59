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
    private final int bits;
    private final int levels;
    private final boolean uniformNoise;
    private final Augmentation augmentation;
    private final Dequantiser dequantiser;

    public Preprocessing(PreprocessSpec spec) {
        this(spec.bits(), spec.levels(), spec.dequantize() == PreprocessSpec.Dequantization.UNIFORM,
                new Augmentation(spec.randomFlip(), spec.randomCrop()));
    }

    private Preprocessing(int bits, int levels, boolean uniformNoise, Augmentation augmentation) {
        this.bits = bits;
        this.levels = levels;
        this.uniformNoise = uniformNoise;
        this.augmentation = augmentation;
        this.dequantiser = Dequantiser.fastest(bits, uniformNoise);
    }

    /**
     * The preprocessing of a run on continuous values ({@code data.features}): batches copy the
     * values (see {@link BatchAssembler}) and there are no levels, so {@code levels} is 1 and
     * {@link #bitsPerDim} is {@code -log2 p(x) / D}, the density's own negative log in bits per
     * dimension: no code length (the data is not discrete) and possibly negative.
     */
    public static Preprocessing continuous() {
        return new Preprocessing(8, 1, false, new Augmentation(false, 0));
    }

    /** True for a run on continuous values ({@link #continuous()}). */
    public boolean isContinuous() {
        return levels == 1;
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
        dequantiser.toFloats(src, dst, offset, noiseKey);
    }

    /** Which kernel converts images on this JVM: "scalar", or "vector-512" (see {@link Dequantiser}). */
    public String kernel() {
        return dequantiser.kind();
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
