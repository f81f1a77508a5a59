package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.Dequantization;

class PreprocessingTest {
    private static byte[] allBytes(int repeats) {
        byte[] b = new byte[256 * repeats];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        return b;
    }

    @Test
    void uniformDequantisationStaysInsideEachLevelsBin() {
        for (int bits : new int[] {8, 5, 1}) {
            Preprocessing pre = new Preprocessing(PreprocessSpec.defaults().withQuantization(bits, Dequantization.UNIFORM));
            byte[] src = allBytes(40);
            float[] x = new float[src.length + 3];
            pre.toFloats(src, x, 3, 12345L);
            int levels = 1 << bits;
            for (int i = 0; i < src.length; i++) {
                int level = (src[i] & 0xFF) >>> (8 - bits);
                float v = x[3 + i];
                assertTrue(v >= (float) level / levels && v < (float) (level + 1) / levels,
                        "bits " + bits + ": value " + v + " outside level " + level);
            }
        }
    }

    @Test
    void noiseIsUniformWithinTheBinAndFixedByTheKey() {
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults());
        byte[] src = new byte[100_003];
        float[] a = new float[src.length];
        float[] b = new float[src.length];
        float[] c = new float[src.length];
        pre.toFloats(src, a, 0, 7L);
        pre.toFloats(src, b, 0, 7L);
        pre.toFloats(src, c, 0, 8L);
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
        // Level 0: x = u / 256 with u ~ U[0,1): mean 1/512, and each tenth of the bin gets ~10%.
        double sum = 0;
        int[] deciles = new int[10];
        for (float v : a) {
            double u = v * 256.0;
            sum += u;
            deciles[(int) (u * 10)]++;
        }
        assertEquals(0.5, sum / a.length, 0.005);
        for (int d : deciles) assertEquals(0.1, d / (double) a.length, 0.005);
    }

    @Test
    void everyNoisyValueStaysInsideItsBin() {
        // Discrete models (PixelCNN, VAE) read the level back as floor(x * levels): a value that
        // rounded up into the next bin would hand them the wrong level.
        Preprocessing p = new Preprocessing(PreprocessSpec.defaults().withQuantization(8, Dequantization.UNIFORM));
        byte[] src = new byte[4096];
        for (int i = 0; i < src.length; i++) src[i] = (byte) i;
        float[] dst = new float[src.length];
        for (long key = 0; key < 512; key++) {
            p.toFloats(src, dst, 0, key);
            for (int i = 0; i < src.length; i++) {
                assertEquals(src[i] & 0xFF, (int) Math.floor(dst[i] * 256f), dst[i] + " left the bin of level " + (src[i] & 0xFF));
            }
        }
    }


    @Test
    void withoutNoiseValuesSitAtBinCentres() {
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults().withQuantization(3, Dequantization.NONE));
        float[] x = new float[256];
        pre.toFloats(allBytes(1), x, 0, new SplittableRandom(1));
        for (int b = 0; b < 256; b++) assertEquals(((b >>> 5) + 0.5f) / 8, x[b], 0f, "byte " + b);
    }

    @Test
    void bitsPerDimUsesTheLevels() {
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults());
        // A uniform density on [0,1]^D (log p = 0) is exactly 8 bits per dimension of 8-bit data.
        assertEquals(8.0, pre.bitsPerDim(0, 100), 1e-12);
    }
}
