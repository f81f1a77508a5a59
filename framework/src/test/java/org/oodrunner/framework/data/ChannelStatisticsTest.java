package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.Dequantization;

class ChannelStatisticsTest {
    @Test
    void statisticsAreThoseOfTheDequantisedValuesPerChannel() {
        // Two 1x1 RGB images: channel 0 is 0 and 255, channel 1 is 128 twice, channel 2 is 64 and 192.
        byte[][] images = {{0, (byte) 128, 64}, {(byte) 255, (byte) 128, (byte) 192}};
        ImageSet set = new ImageSet("s", new ImageShape(1, 1, 3), images, null, 0);
        ChannelStatistics none = ChannelStatistics.of(set,
                new Preprocessing(PreprocessSpec.defaults().withQuantization(8, Dequantization.NONE)));
        assertEquals(0.5, none.mean()[0], 1e-12);
        assertEquals(255.0 / 256 / 2, none.std()[0], 1e-12);
        assertEquals(128.5 / 256, none.mean()[1], 1e-12);
        assertEquals(0, none.std()[1], 1e-12);
        assertEquals(128.5 / 256, none.mean()[2], 1e-12);
        ChannelStatistics uniform = ChannelStatistics.of(set, new Preprocessing(PreprocessSpec.defaults()));
        // Uniform noise in the bin adds its variance, 1 / (12 * 256^2).
        assertEquals(Math.sqrt(1.0 / (12 * 256.0 * 256.0)), uniform.std()[1], 1e-12);
        assertEquals(none.mean()[2], uniform.mean()[2], 1e-12);
    }
}
