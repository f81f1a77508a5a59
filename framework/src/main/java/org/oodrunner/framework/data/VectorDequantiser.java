package org.oodrunner.framework.data;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link Dequantiser} on the incubating Vector API, 16 values at a time: four SplitMix64
 * draws in 64-bit lanes, read as sixteen 16-bit noise values (in memory order, which is the
 * scalar kernel's order on a little-endian machine), or-ed under the levels of sixteen bytes,
 * converted and scaled in 512-bit lanes. The tail of an image shorter than 16 values goes to
 * the scalar kernel, which continues the same noise stream.
 *
 * <p>Only loaded when the JVM has {@code jdk.incubator.vector} (see {@link Dequantiser#fastest}).
 */
final class VectorDequantiser implements Dequantiser {
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_256;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final int LANES = 16;

    private final ScalarDequantiser tail;
    private final boolean noise;
    private final int levelShift;
    private final float scale;
    /** key offsets of the four draws of a 16-value block: (1, 2, 3, 4) * golden. */
    private final LongVector firstCounters;
    private final LongVector blockStride;

    VectorDequantiser(int bits, boolean noise) {
        this.tail = new ScalarDequantiser(bits, noise);
        this.noise = noise;
        this.levelShift = 8 - bits;
        this.scale = (float) Math.scalb(1.0, -(16 + bits));
        long g = ScalarDequantiser.GOLDEN;
        this.firstCounters = LongVector.fromArray(LONGS, new long[] {g, 2 * g, 3 * g, 4 * g}, 0);
        this.blockStride = LongVector.broadcast(LONGS, 4 * g);
    }

    /** The widest vectors this machine runs natively, in bits. */
    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }

    @Override
    public String kind() {
        return "vector-512";
    }

    @Override
    public void toFloats(byte[] src, float[] dst, int offset, long noiseKey) {
        int n = src.length;
        int whole = n - n % LANES;
        // Two loops rather than one with a branch: a vector merged from two paths is boxed by C2.
        if (noise) {
            LongVector counter = firstCounters.add(noiseKey);
            for (int i = 0; i < whole; i += LANES) {
                LongVector z = counter;
                counter = counter.add(blockStride);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
                z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
                // Sign-extend and mask: JDK 17's ZERO_EXTEND_S2I fails at run time.
                IntVector low = ((IntVector) z.reinterpretShape(SHORTS, 0).convertShape(VectorOperators.S2I, INTS, 0))
                        .and(0xFFFF);
                store(levelsHigh(src, i).or(low), dst, offset + i);
            }
        } else {
            for (int i = 0; i < whole; i += LANES) store(levelsHigh(src, i).or(0x8000), dst, offset + i);
        }
        if (whole < n) tail.toFloats(src, dst, offset, noiseKey, whole);
    }

    /** (level << 16) of the 16 bytes from {@code i}. */
    private IntVector levelsHigh(byte[] src, int i) {
        return ((IntVector) ByteVector.fromArray(BYTES, src, i).convertShape(VectorOperators.B2I, INTS, 0))
                .and(0xFF).lanewise(VectorOperators.LSHR, levelShift).lanewise(VectorOperators.LSHL, 16);
    }

    private void store(IntVector bits, float[] dst, int at) {
        ((FloatVector) bits.convertShape(VectorOperators.I2F, FLOATS, 0)).mul(scale).intoArray(dst, at);
    }
}
