import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Spike, not part of the build: how fast could batch assembly (8-bit pixels to float32 with
 * 16-bit uniform dequantisation noise, the formula of Preprocessing) be with the incubating
 * Vector API? Run from the repository root with
 *
 * <pre>java --add-modules jdk.incubator.vector docs/spikes/VectorDequantisation.java</pre>
 *
 * It times, for 64 CIFAR-sized images per batch, the scalar loop the framework uses and a
 * vectorised one (SplitMix64 counter noise in 512-bit lanes, bytes widened to ints, or-ed with
 * the noise, converted and scaled), each into a freshly allocated batch array as
 * BatchAssembler does. The result is recorded in docs/benchmarks.md (Data section).
 */
public final class VectorDequantisation {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final float SCALE = (float) Math.scalb(1.0, -24);
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_128;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final long[] LANE = {1, 2, 3, 4, 5, 6, 7, 8};

    public static void main(String[] args) {
        int batch = 64;
        int dims = 32 * 32 * 3;
        byte[][] images = new byte[5000][dims];
        Random random = new Random(1);
        for (byte[] image : images) random.nextBytes(image);
        int[] noise = new int[dims];
        double sink = 0;
        for (int round = 0; round < 8; round++) {
            int reps = 1000;
            long start = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                float[] x = new float[batch * dims];
                for (int i = 0; i < batch; i++) scalar(images[(k * batch + i * 7) % images.length], x, i * dims, k * 31L + i);
                sink += x[k % x.length];
            }
            double scalarUs = (System.nanoTime() - start) / 1e3 / reps;
            start = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                float[] x = new float[batch * dims];
                for (int i = 0; i < batch; i++) {
                    vector(images[(k * batch + i * 7) % images.length], x, i * dims, k * 31L + i, noise);
                }
                sink += x[k % x.length];
            }
            double vectorUs = (System.nanoTime() - start) / 1e3 / reps;
            System.out.printf(Locale.ROOT, "round %d: scalar %.0f us per batch, Vector API %.0f us per batch (%.1fx)%n",
                    round, scalarUs, vectorUs, scalarUs / vectorUs);
        }
        if (sink == 42) System.out.println();
    }

    /** The framework's loop (Preprocessing.toFloats, 8 bits): one SplitMix64 draw per four values. */
    static void scalar(byte[] src, float[] dst, int offset, long key) {
        long state = key;
        for (int i = 0; i + 4 <= src.length; i += 4) {
            long z = mix(state += GOLDEN);
            dst[offset + i] = ((src[i] & 0xFF) << 16 | (int) (z & 0xFFFF)) * SCALE;
            dst[offset + i + 1] = ((src[i + 1] & 0xFF) << 16 | (int) ((z >>> 16) & 0xFFFF)) * SCALE;
            dst[offset + i + 2] = ((src[i + 2] & 0xFF) << 16 | (int) ((z >>> 32) & 0xFFFF)) * SCALE;
            dst[offset + i + 3] = ((src[i + 3] & 0xFF) << 16 | (int) (z >>> 48)) * SCALE;
        }
    }

    /** The same values up to the order the noise is dealt out; lengths must be multiples of 32. */
    static void vector(byte[] src, float[] dst, int offset, long key, int[] noise) {
        LongVector counter = LongVector.fromArray(LONGS, LANE, 0).mul(GOLDEN).add(key);
        LongVector stride = LongVector.broadcast(LONGS, 8 * GOLDEN);
        for (int i = 0; i < src.length; i += 32) {
            LongVector z = counter;
            counter = counter.add(stride);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            IntVector halves = (IntVector) z.reinterpretShape(INTS, 0);
            halves.and(0xFFFF).intoArray(noise, i);
            halves.lanewise(VectorOperators.LSHR, 16).intoArray(noise, i + 16);
        }
        for (int i = 0; i < src.length; i += 16) {
            // JDK 17's ZERO_EXTEND_B2I fails at run time; sign-extend and mask instead.
            IntVector level = ((IntVector) ByteVector.fromArray(BYTES, src, i).convertShape(VectorOperators.B2I, INTS, 0))
                    .and(0xFF);
            IntVector bits = level.lanewise(VectorOperators.LSHL, 16).or(IntVector.fromArray(INTS, noise, i));
            ((FloatVector) bits.convertShape(VectorOperators.I2F, FloatVector.SPECIES_512, 0)).mul(SCALE)
                    .intoArray(dst, offset + i);
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
