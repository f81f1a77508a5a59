package org.oodrunner.components.models.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.oodrunner.components.models.discrete.PixelLikelihood;
import org.oodrunner.components.testing.DiscreteImages;
import org.oodrunner.components.testing.TinyTraining;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.testing.ModelHarness;
import org.oodrunner.framework.tf.SampleDrawer;

/** The VAE's real graph on tiny images, trained for a few steps so that the decoder depends on z. */
class VaeModelTest {
    private static VaeParams params(PixelLikelihood likelihood, List<Integer> channels, int k) {
        return params(2, likelihood, channels, k);
    }

    private static VaeParams params(int latentDim, PixelLikelihood likelihood, List<Integer> channels, int k) {
        return new VaeParams(latentDim, channels, 16, likelihood, 2, k);
    }

    private static float[] randomImages(ImageShape shape, int levels, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * shape.dims()];
        for (int i = 0; i < x.length; i++) x[i] = (r.nextInt(levels) + (float) r.nextDouble()) / levels;
        return x;
    }

    /**
     * The standard error of the mean of an estimate evaluated {@code repeats} times on each of
     * {@code n} images (value r * n + i is repeat r of image i), counting only the estimator's own
     * noise: every k sees the same images, so the spread between images cancels in comparisons.
     */
    private static double withinImageStandardError(float[] v, int n, int repeats) {
        double variance = 0;
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int r = 0; r < repeats; r++) m += v[r * n + i];
            m /= repeats;
            double ss = 0;
            for (int r = 0; r < repeats; r++) ss += (v[r * n + i] - m) * (v[r * n + i] - m);
            variance += ss / (repeats - 1) / n;
        }
        return Math.sqrt(variance / (n * repeats));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    @ParameterizedTest
    @EnumSource(value = PixelLikelihood.class, names = {"CATEGORICAL", "DISCRETIZED_LOGISTIC"})
    void theImportanceWeightedBoundIsAtLeastTheElboAndRisesWithK(PixelLikelihood likelihood) {
        ImageShape shape = new ImageShape(4, 4, 1);
        int levels = 4;
        int n = 32;
        float[] images = randomImages(shape, levels, n, 1);
        // Evaluate every image many times over, so the average over examples has little noise.
        int repeats = 32;
        float[] repeated = new float[repeats * images.length];
        for (int r = 0; r < repeats; r++) System.arraycopy(images, 0, repeated, r * images.length, images.length);
        int[] ks = {1, 8, 64};
        double[] meanBound = new double[ks.length];
        double[] standardError = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            // Untrained, so that the weights are exactly the same for every k (the seed fixes them;
            // k only adds scoring ops) and q(z|x) is far from the posterior: a wide gap to close.
            try (ModelHarness h = new ModelHarness(new VaeModel(params(8, likelihood, List.of(4, 8), ks[i])), shape, levels, 3)) {
                // One run for both, so they use the same latent samples.
                float[][] both = h.runAll(List.of(h.graph().output(Quantity.LOG_LIKELIHOOD), h.graph().output(Quantity.ELBO)),
                        repeated, repeats * n);
                float[] bound = both[0];
                float[] elbo = both[1];
                for (int e = 0; e < bound.length; e++) {
                    assertTrue(bound[e] >= elbo[e] - 1e-4, "k=" + ks[i] + ": IWAE " + bound[e] + " < ELBO " + elbo[e]);
                    if (ks[i] == 1) assertEquals(elbo[e], bound[e], 1e-4, "with k = 1 the bounds coincide");
                }
                meanBound[i] = mean(bound);
                standardError[i] = withinImageStandardError(bound, n, repeats);
            }
        }
        for (int i = 1; i < ks.length; i++) {
            double gap = meanBound[i] - meanBound[i - 1];
            double noise = Math.hypot(standardError[i], standardError[i - 1]);
            assertTrue(gap > 4 * noise, "mean IWAE bound by k " + Arrays.toString(ks) + ": "
                    + Arrays.toString(meanBound) + ", standard errors " + Arrays.toString(standardError));
        }
    }

    @ParameterizedTest
    @EnumSource(PixelLikelihood.class)
    void theLikelihoodOfAllBinaryTwoByTwoImagesSumsToOneAndSamplesFollowIt(PixelLikelihood likelihood) {
        ImageShape shape = new ImageShape(2, 2, 1);
        int levels = 2;
        int n = DiscreteImages.count(shape, levels);
        float[] all = DiscreteImages.all(shape, levels);
        int repeats = 20;
        try (ModelHarness h = new ModelHarness(new VaeModel(params(likelihood, List.of(4), 256)), shape, levels, 4)) {
            float[] three = new float[3 * 4];
            System.arraycopy(all, 3 * 4, three, 0, 4);
            System.arraycopy(all, 9 * 4, three, 4, 4);
            System.arraycopy(all, 14 * 4, three, 8, 4);
            TinyTraining.fit(h, three, 3, 60, 0.02);
            float[] batch = new float[repeats * all.length];
            for (int r = 0; r < repeats; r++) System.arraycopy(all, 0, batch, r * all.length, all.length);
            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, batch, repeats * n);
            // exp(IWAE_k) is an unbiased estimate of p(x): its average over draws sums to 1 over all images.
            double[] p = new double[n];
            for (int r = 0; r < repeats; r++) {
                for (int i = 0; i < n; i++) p[i] += Math.exp(ll[r * n + i] - 4 * Math.log(2)) / repeats;
            }
            double total = 0;
            double max = 0;
            for (double v : p) {
                total += v;
                max = Math.max(max, v);
            }
            assertEquals(1.0, total, 0.01, likelihood + ": sum of P over all 16 images");
            assertTrue(max > 0.15, "the trained model should be far from uniform, or the sum proves little: " + max);

            int draws = 10_000;
            float[] samples = new SampleDrawer(h.runtime().session(), h.graph().sampler().orElseThrow(), shape).draw(draws, 1f);
            int[] counts = new int[n];
            for (int s = 0; s < draws; s++) {
                for (int j = 0; j < 4; j++) {
                    float v = samples[s * 4 + j];
                    assertTrue(v == 0.25f || v == 0.75f, "a sample is a bin centre, not " + v);
                }
                counts[DiscreteImages.indexOf(samples, s * 4, 4, levels)]++;
            }
            for (int i = 0; i < n; i++) {
                double sd = Math.sqrt(p[i] * (1 - p[i]) / draws);
                assertEquals(p[i], counts[i] / (double) draws, 5 * sd + 0.01 * p[i] + 1e-3, likelihood + " image " + i);
            }
        }
    }

    @Test
    void dequantisationNoiseDoesNotChangeTheElboBeyondTheLatentNoise() {
        // The encoder and decoder see bin centres: with k large the two inputs give nearly the same bound.
        ImageShape shape = new ImageShape(4, 4, 1);
        int levels = 8;
        float[] noisy = randomImages(shape, levels, 1, 9);
        float[] both = new float[2 * noisy.length];
        System.arraycopy(noisy, 0, both, 0, noisy.length);
        for (int i = 0; i < noisy.length; i++) both[noisy.length + i] = ((int) (noisy[i] * levels) + 0.5f) / levels;
        try (ModelHarness h = new ModelHarness(new VaeModel(params(PixelLikelihood.CATEGORICAL, List.of(4), 2000)), shape, levels, 5)) {
            float[] ll = h.run(Quantity.LOG_LIKELIHOOD, both, 2);
            assertEquals(ll[1], ll[0], 0.02);
        }
    }
}
