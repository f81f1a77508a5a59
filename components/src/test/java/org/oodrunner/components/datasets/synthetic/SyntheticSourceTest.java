package org.oodrunner.components.datasets.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Selection;
import org.oodrunner.framework.data.transform.ImagePipeline;

class SyntheticSourceTest {
    private static SyntheticSource uniform(long seed, int count) {
        return new SyntheticSource("uniform_noise", new UniformNoiseParams(8, 6, 3, count), seed, SyntheticSource.uniform());
    }

    @Test
    void uniformNoiseHasTheShapeCoversTheRangeAndFollowsTheSeed() {
        ImageSet a = uniform(1, 50).load("test", LoadRequest.all("u"));
        assertEquals(new ImageShape(8, 6, 3), a.shape());
        assertEquals(50, a.size());
        assertNull(a.labels());
        double sum = 0;
        int max = 0;
        for (byte[] img : a.images()) {
            for (byte b : img) {
                sum += b & 0xFF;
                max = Math.max(max, b & 0xFF);
            }
        }
        assertEquals(127.5, sum / (50 * 144), 3);
        assertEquals(255, max);
        assertArrayEquals(a.images()[7], uniform(1, 50).load("test", LoadRequest.all("u")).images()[7]);
        assertFalse(java.util.Arrays.equals(a.images()[7], uniform(2, 50).load("test", LoadRequest.all("u")).images()[7]));
        assertFalse(java.util.Arrays.equals(a.images()[7], uniform(1, 50).load("train", LoadRequest.all("u")).images()[7]));
    }

    @Test
    void aLimitPicksImagesWithoutChangingThem() {
        ImageSet all = uniform(3, 40).load("test", LoadRequest.all("u"));
        ImageSet some = uniform(3, 40).load("test", new LoadRequest("u", ImagePipeline.identity(), new Selection(null, 5.0, 9, "u/test")));
        assertEquals(5, some.size());
        for (byte[] img : some.images()) {
            assertTrue(java.util.Arrays.stream(all.images()).anyMatch(o -> java.util.Arrays.equals(o, img)));
        }
    }

    @Test
    void constantImagesHaveOneColourAndGaussianNoiseItsMoments() {
        ImageSet constant = new SyntheticSource("constant", new ConstantParams(4, 4, 3, 20, null), 0, SyntheticSource.constant(null))
                .load("test", LoadRequest.all("c"));
        int distinctColours = 0;
        for (byte[] img : constant.images()) {
            for (int i = 3; i < img.length; i++) assertEquals(img[i % 3], img[i]);
            if (img[0] != constant.images()[0][0]) distinctColours++;
        }
        assertTrue(distinctColours > 10, "a random colour per image");
        ImageSet fixed = new SyntheticSource("constant", new ConstantParams(2, 2, 1, 3, 200), 0, SyntheticSource.constant(200))
                .load("test", LoadRequest.all("c"));
        assertEquals(200, fixed.images()[2][3] & 0xFF);
        ImageSet gaussian = new SyntheticSource("gaussian_noise", new GaussianNoiseParams(16, 16, 1, 40, 0.5, 0.1), 0,
                SyntheticSource.gaussian(0.5, 0.1)).load("test", LoadRequest.all("g"));
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (byte[] img : gaussian.images()) {
            for (byte b : img) {
                double v = (b & 0xFF) / 255.0;
                sum += v;
                sq += v * v;
                n++;
            }
        }
        double mean = sum / n;
        assertEquals(0.5, mean, 0.01);
        assertEquals(0.1, Math.sqrt(sq / n - mean * mean), 0.01);
    }
}
