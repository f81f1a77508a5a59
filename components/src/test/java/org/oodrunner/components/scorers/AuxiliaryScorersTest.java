package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;

/** The arithmetic behind the scorers that train extra models: the background noise and WAIC. */
class AuxiliaryScorersTest {
    private static ImageSet zeros(int n, int d) {
        return new ImageSet("zeros", new ImageShape(1, d, 1), new byte[n][d], null, 0);
    }

    @Test
    void backgroundNoiseReplacesAboutAFractionMuOfTheValues() {
        ImageSet set = zeros(200, 100);
        for (double mu : new double[] {0.0, 0.1, 0.5, 1.0}) {
            ImageSet noisy = BackgroundNoise.perturb(set, mu, 3);
            long changed = 0;
            for (byte[] img : noisy.images()) {
                for (byte b : img) if (b != 0) changed++;
            }
            // A replaced value is 0 again with probability 1/256.
            double expected = mu * 20000 * 255.0 / 256;
            assertEquals(expected, changed, 4 * Math.sqrt(expected + 1) + 1, "mu " + mu);
        }
        // The input is untouched, the copy reproducible from the seed.
        for (byte[] img : set.images()) assertArrayEquals(new byte[100], img);
        assertArrayEquals(BackgroundNoise.perturb(set, 0.3, 9).images()[5], BackgroundNoise.perturb(set, 0.3, 9).images()[5]);
        assertNotSame(set.images()[0], BackgroundNoise.perturb(set, 0.0, 1).images()[0]);
        assertThrows(IllegalArgumentException.class, () -> BackgroundNoise.perturb(set, 1.5, 1));
    }

    @Test
    void waicIsTheMeanMinusTheSampleVarianceOverMembers() {
        double[] a = {1, 5, -2};
        double[] b = {3, 5, -4};
        double[] c = {2, 5, 0};
        double[] w = WaicScorer.waic(List.of(a, b, c));
        // Example 0: mean 2, sample variance ((1)+(1)+0)/2 = 1.
        assertEquals(1.0, w[0], 1e-12);
        // Example 1: all agree.
        assertEquals(5.0, w[1], 1e-12);
        // Example 2: mean -2, variance (0 + 4 + 4)/2 = 4.
        assertEquals(-6.0, w[2], 1e-12);
    }
}
