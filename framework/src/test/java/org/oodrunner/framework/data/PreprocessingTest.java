package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.PreprocessSpec;

class PreprocessingTest {
    @Test
    void uniformDequantisationStaysInsideEachLevelsBin() {
        Preprocessing p = new Preprocessing(new PreprocessSpec(8, PreprocessSpec.Dequantization.UNIFORM));
        byte[] src = {0, 1, (byte) 128, (byte) 255};
        float[] dst = new float[4];
        SplittableRandom r = new SplittableRandom(1);
        for (int t = 0; t < 1000; t++) {
            p.toFloats(src, dst, 0, r);
            for (int i = 0; i < 4; i++) {
                int level = src[i] & 0xFF;
                assertTrue(dst[i] >= level / 256f && dst[i] < (level + 1) / 256f, dst[i] + " for " + level);
            }
        }
    }

    @Test
    void roundingNeverPushesANoisyValueIntoTheNextBin() {
        // level + u rounds to level + 1 in float when u is within half an ulp of 1 (about 8e-6 of
        // draws at level 200): a model that reads the level back as floor(x * levels) would see
        // the wrong one. 2^21 draws make such a u all but certain.
        Preprocessing p = new Preprocessing(new PreprocessSpec(8, PreprocessSpec.Dequantization.UNIFORM));
        byte[] src = new byte[4096];
        java.util.Arrays.fill(src, (byte) 200);
        float[] dst = new float[src.length];
        SplittableRandom r = new SplittableRandom(7);
        for (int t = 0; t < 512; t++) {
            p.toFloats(src, dst, 0, r);
            for (float v : dst) {
                assertTrue(v >= 200 / 256f && v < 201 / 256f, v + " left the bin of level 200");
                assertEquals(200, (int) Math.floor(v * 256f));
            }
        }
    }

    @Test
    void fewerBitsMergeLevelsAndNoNoiseUsesBinCentres() {
        Preprocessing p = new Preprocessing(new PreprocessSpec(5, PreprocessSpec.Dequantization.NONE));
        assertEquals(32, p.levels());
        float[] dst = new float[2];
        p.toFloats(new byte[] {7, (byte) 255}, dst, 0, null);
        assertEquals(0.5f / 32, dst[0], 1e-7);
        assertEquals(31.5f / 32, dst[1], 1e-7);
    }

    @Test
    void bitsPerDimOfTheUniformDensityIsTheBitDepth() {
        // log p(x) = 0 on [0,1]^D (the uniform density) means log2(levels) bits per dimension.
        assertEquals(8.0, new Preprocessing(new PreprocessSpec(8, PreprocessSpec.Dequantization.UNIFORM)).bitsPerDim(0, 784), 1e-12);
        assertEquals(5.0, new Preprocessing(new PreprocessSpec(5, PreprocessSpec.Dequantization.UNIFORM)).bitsPerDim(0, 10), 1e-12);
        // A density twice as high everywhere saves exactly one bit over D dimensions.
        assertEquals(8.0 - 1.0 / 784, new Preprocessing(new PreprocessSpec(8, PreprocessSpec.Dequantization.UNIFORM))
                .bitsPerDim(Math.log(2), 784), 1e-12);
    }
}
