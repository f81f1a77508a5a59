package org.oodrunner.framework.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/**
 * The second-moment arithmetic on synthetic images whose variances are known in closed form:
 * every value of channel c is, across examples, a or b half the time each, so its sample
 * variance over n examples is (b - a)^2 n / (4 (n - 1)) on the [0,1] bin-centre scale.
 */
class SecondMomentTest {
    private static final Preprocessing EIGHT_BITS = new Preprocessing(PreprocessSpec.defaults());

    private static double centre(int b) {
        return (b + 0.5) / 256;
    }

    /** n images of side x side x channels: channel c alternates between low[c] and high[c]. */
    private static ImageSet twoLevel(String name, int n, int side, int[] low, int[] high) {
        int c = low.length;
        ImageShape shape = new ImageShape(side, side, c);
        byte[][] images = new byte[n][shape.dims()];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < side * side; p++) {
                for (int ch = 0; ch < c; ch++) images[i][p * c + ch] = (byte) (i % 2 == 0 ? low[ch] : high[ch]);
            }
        }
        return new ImageSet(name, shape, images, null, 0);
    }

    @Test
    void momentsMatchTheClosedForm() {
        int n = 10;
        int side = 3;
        ImageSet set = twoLevel("p", n, side, new int[] {0, 100}, new int[] {255, 140});
        ChannelMoments m = ChannelMoments.of(set, EIGHT_BITS);
        assertEquals(2, m.channels());
        for (int ch = 0; ch < 2; ch++) {
            double a = centre(ch == 0 ? 0 : 100);
            double b = centre(ch == 0 ? 255 : 140);
            double pixelVar = (b - a) * (b - a) * n / (4.0 * (n - 1));
            assertEquals((a + b) / 2, m.mean()[ch], 1e-12);
            assertEquals(side * side * pixelVar, m.pixelVarianceSum()[ch], 1e-12);
            // Pooled over all n * 9 values, the same two levels half the time each.
            long count = (long) n * side * side;
            assertEquals((b - a) * (b - a) * count / (4.0 * (count - 1)), m.variance()[ch], 1e-12);
        }
    }

    @Test
    void constantPixelsHaveZeroVarianceExactly() {
        ImageSet set = twoLevel("c", 50, 4, new int[] {200}, new int[] {200});
        ChannelMoments m = ChannelMoments.of(set, EIGHT_BITS);
        assertEquals(0.0, m.pixelVarianceSum()[0]);
        assertEquals(0.0, m.variance()[0]);
        assertEquals(centre(200), m.mean()[0], 1e-12);
    }

    @Test
    void theLowerVarianceSetIsPredictedToScoreHigher() {
        // p* varies 0 <-> 255, q only 100 <-> 140: smaller variance, so E_q[log p] > E_p*[log p].
        ChannelMoments p = ChannelMoments.of(twoLevel("p", 8, 2, new int[] {0}, new int[] {255}), EIGHT_BITS);
        ChannelMoments q = ChannelMoments.of(twoLevel("q", 8, 2, new int[] {100}, new int[] {140}), EIGHT_BITS);
        SecondMomentPrediction prediction = SecondMomentPrediction.of(p, q, null);
        assertEquals(1, prediction.sign());
        assertFalse(prediction.alphaFromModel());
        double gap = p.pixelVarianceSum()[0] - q.pixelVarianceSum()[0];
        assertArrayEquals(new double[] {gap}, prediction.varianceGap(), 1e-15);
        assertEquals(0.5 * gap, prediction.predicted(), 1e-15);
        // And the other way round.
        assertEquals(-1, SecondMomentPrediction.of(q, p, null).sign());
    }

    @Test
    void alphaWeighsTheChannelsAndCanFlipTheSign() {
        // Channel 0: q has the smaller variance (gap > 0); channel 1: q has the larger (gap < 0).
        ChannelMoments p = ChannelMoments.of(twoLevel("p", 8, 2, new int[] {0, 120}, new int[] {255, 136}), EIGHT_BITS);
        ChannelMoments q = ChannelMoments.of(twoLevel("q", 8, 2, new int[] {120, 0}, new int[] {136, 255}), EIGHT_BITS);
        double g0 = p.pixelVarianceSum()[0] - q.pixelVarianceSum()[0];
        double g1 = p.pixelVarianceSum()[1] - q.pixelVarianceSum()[1];
        assertTrue(g0 > 0 && g1 < 0);
        SecondMomentPrediction channel0 = SecondMomentPrediction.of(p, q, new double[] {3, 0.5});
        assertEquals(0.5 * (9 * g0 + 0.25 * g1), channel0.predicted(), 1e-12);
        assertEquals(1, channel0.sign());
        assertTrue(channel0.alphaFromModel());
        SecondMomentPrediction channel1 = SecondMomentPrediction.of(p, q, new double[] {0.5, 3});
        assertEquals(-1, channel1.sign());
    }

    @Test
    void grayscaleUsesTheLumaWeightsAndKeepsTheName() {
        ImageShape shape = new ImageShape(1, 2, 3);
        ImageSet set = new ImageSet("rgb", shape, new byte[][] {{(byte) 255, 0, 0, 10, 20, (byte) 200}}, null, 0);
        ImageSet gray = Grayscale.of(set);
        assertEquals("rgb", gray.name());
        int red = (int) Math.round(0.299 * 255);
        int mixed = (int) Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 200);
        assertArrayEquals(new byte[] {(byte) red, (byte) red, (byte) red, (byte) mixed, (byte) mixed, (byte) mixed},
                gray.images()[0]);
    }

    @Test
    void assumptionsHoldOnlyForAConstantVolumeModelAndACommonMean() {
        // Reference: values 100 or 140 (mean bin 120, sd 20 bins); "near": 112 or 130 (mean 121:
        // 0.05 sd away); "far": 150 or 190 (mean 170: 2.5 sd away).
        ChannelMoments p = ChannelMoments.of(twoLevel("p", 400, 2, new int[] {100}, new int[] {140}), EIGHT_BITS);
        ChannelMoments near = ChannelMoments.of(twoLevel("near", 400, 2, new int[] {112}, new int[] {130}), EIGHT_BITS);
        ChannelMoments far = ChannelMoments.of(twoLevel("far", 400, 2, new int[] {150}, new int[] {190}), EIGHT_BITS);
        SecondMomentAssumptions ok = SecondMomentAssumptions.of(p, near, true);
        assertEquals(1.0 / 20, ok.meanGapInSd()[0], 0.002);
        assertTrue(ok.hold(), ok.violations());
        assertEquals("", ok.violations());
        SecondMomentAssumptions shifted = SecondMomentAssumptions.of(p, far, true);
        assertEquals(50.0 / 20, shifted.meanGapInSd()[0], 0.01);
        assertFalse(shifted.hold());
        assertTrue(shifted.violations().startsWith("the means differ (up to 2.5"), shifted.violations());
        SecondMomentAssumptions volume = SecondMomentAssumptions.of(p, near, false);
        assertFalse(volume.hold());
        assertEquals("the model is not constant-volume", volume.violations());
    }
}
