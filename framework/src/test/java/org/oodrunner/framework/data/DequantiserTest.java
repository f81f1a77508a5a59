package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel gives the scalar kernel's floats bit for bit, whatever the image length
 * (whole 16-value blocks and tails), depth and noise. The framework's tests run with
 * {@code --add-modules jdk.incubator.vector}; the Vector API computes the same lanes on any
 * machine (natively or in Java), so this runs wherever the module does.
 */
class DequantiserTest {
    private static final int[] LENGTHS = {3072, 784, 1000, 27, 16, 5, 1};

    @Test
    void vectorKernelMatchesTheScalarOneBitForBit() {
        SplittableRandom random = new SplittableRandom(17);
        for (int bits : new int[] {8, 5, 1}) {
            for (boolean noise : new boolean[] {true, false}) {
                Dequantiser scalar = new ScalarDequantiser(bits, noise);
                Dequantiser vector = new VectorDequantiser(bits, noise);
                for (int length : LENGTHS) {
                    byte[] image = new byte[length];
                    for (int i = 0; i < length; i++) image[i] = (byte) random.nextInt(256);
                    for (long key : new long[] {0, -1, random.nextLong(), Long.MIN_VALUE}) {
                        float[] expected = new float[length + 7];
                        float[] actual = new float[length + 7];
                        scalar.toFloats(image, expected, 7, key);
                        vector.toFloats(image, actual, 7, key);
                        for (int i = 0; i < expected.length; i++) {
                            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                                    "value " + i + " of " + length + ", bits " + bits + ", noise " + noise + ", key " + key);
                        }
                    }
                }
            }
        }
    }

    @Test
    void everyValueLandsInItsBinWithNoiseOfSixteenBits() {
        byte[] image = new byte[4096];
        for (int i = 0; i < image.length; i++) image[i] = (byte) i;
        for (int bits : new int[] {8, 3}) {
            Dequantiser vector = new VectorDequantiser(bits, true);
            float[] x = new float[image.length];
            vector.toFloats(image, x, 0, 99);
            int levels = 1 << bits;
            java.util.Set<Integer> offsets = new java.util.HashSet<>();
            for (int i = 0; i < image.length; i++) {
                int level = (image[i] & 0xFF) >>> (8 - bits);
                assertEquals(level, (int) Math.floor(x[i] * levels), "value " + i);
                offsets.add((int) Math.round((x[i] * levels - level) * 65536));
            }
            assertTrue(offsets.size() > 3900, "noise takes many 16-bit values: " + offsets.size());
        }
    }

    @Test
    void theFastestKernelIsTheVectorOneExactlyWhenTheMachineSupportsIt() {
        String kind = Dequantiser.fastest(8, true).kind();
        assertEquals(Dequantiser.VectorModule.usable() ? "vector-512" : "scalar", kind);
        assertEquals(kind, new Preprocessing(org.oodrunner.framework.spec.model.PreprocessSpec.defaults()).kernel());
    }
}
