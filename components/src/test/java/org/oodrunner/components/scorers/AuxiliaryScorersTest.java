package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.component.TrainingOverrides;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;

/** The scorers that train extra models, against values computed by hand: background noise, WAIC, the likelihood ratio. */
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
    void waicIsTheMeanMinusThePopulationVarianceOverMembers() {
        double[] a = {1, 5, -2};
        double[] b = {3, 5, -4};
        double[] c = {2, 5, 0};
        double[] w = WaicScorer.waic(List.of(a, b, c));
        // Example 0: mean 2, variance ((1) + (1) + 0) / 3 = 2/3 (Choi et al.: moments over the ensemble).
        assertEquals(2 - 2.0 / 3, w[0], 1e-12);
        // Example 1: all agree.
        assertEquals(5.0, w[1], 1e-12);
        // Example 2: mean -2, variance (0 + 4 + 4) / 3.
        assertEquals(-2 - 8.0 / 3, w[2], 1e-12);
    }

    @Test
    void waicScoresTheRunModelAndEveryMemberTrainedInTheRun() {
        // Members are per-pixel Gaussians computed here (log N(x/255; m_k, 1) summed over pixels),
        // so the score can be computed by hand: the K members' mean minus their population variance.
        ImageSet images = ramp(4, 3);
        List<AuxiliaryTraining> requests = new ArrayList<>();
        WaicScorer scorer = new WaicScorer(new WaicParams(3, null, null, 100));
        scorer.prepare(new FixedPreparation(images, requests, k -> new PixelGaussian(0.1 * k)));
        assertEquals(List.of("member_1", "member_2"), requests.stream().map(AuxiliaryTraining::name).toList());
        assertEquals(List.of(101L, 102L), requests.stream().map(AuxiliaryTraining::seedOffset).toList());
        double[] scores = scorer.score(input(images, new PixelGaussian(0)));
        for (int i = 0; i < images.size(); i++) {
            double[] ll = new double[3];
            for (int k = 0; k < 3; k++) ll[k] = new PixelGaussian(0.1 * k).logDensity(images.images()[i]);
            double mean = (ll[0] + ll[1] + ll[2]) / 3;
            double var = ((ll[0] - mean) * (ll[0] - mean) + (ll[1] - mean) * (ll[1] - mean) + (ll[2] - mean) * (ll[2] - mean)) / 3;
            assertEquals(mean - var, scores[i], 1e-9, "example " + i);
        }
    }

    @Test
    void theLikelihoodRatioIsTheModelsLogLikelihoodMinusTheBackgrounds() {
        // Model: N(x; 0.2, 1) per pixel; background: N(x; 0.8, 1). A dark image is explained
        // better by the model (positive ratio), a bright one by the background (negative ratio).
        ImageSet images = ramp(6, 4);
        List<AuxiliaryTraining> requests = new ArrayList<>();
        LikelihoodRatioScorer scorer = new LikelihoodRatioScorer(new LikelihoodRatioParams(0.25, 7, null, 0.01, 3));
        scorer.prepare(new FixedPreparation(images, requests, k -> new PixelGaussian(0.8)));
        AuxiliaryTraining background = requests.get(0);
        assertEquals("background", background.name());
        assertEquals(3, background.seedOffset());
        assertEquals(new TrainingOverrides(7, null, 0.01), background.overrides());
        assertArrayEquals(BackgroundNoise.perturb(images, 0.25, 5 + 3).images()[2], background.trainingSet().images()[2],
                "the background trains on the training set noised with mu, from the run's seed plus seed_offset");
        PixelGaussian model = new PixelGaussian(0.2);
        double[] scores = scorer.score(input(images, model));
        for (int i = 0; i < images.size(); i++) {
            double expected = model.logDensity(images.images()[i]) - new PixelGaussian(0.8).logDensity(images.images()[i]);
            assertEquals(expected, scores[i], 1e-9, "example " + i);
        }
        assertTrue(scores[0] > 0, "the darkest image: the model explains it better than the background");
        assertTrue(scores[images.size() - 1] < 0, "the brightest image: the background explains it better");
    }

    /** n images of d values, image i uniformly at level 255 i / (n - 1). */
    private static ImageSet ramp(int n, int d) {
        byte[][] images = new byte[n][d];
        for (int i = 0; i < n; i++) java.util.Arrays.fill(images[i], (byte) Math.round(255.0 * i / (n - 1)));
        return new ImageSet("ramp", new ImageShape(1, d, 1), images, null, 0);
    }

    private static ScoringInput input(ImageSet images, PixelGaussian model) {
        return new ScoringInput(images, model.evaluate(images, Set.of(Quantity.LOG_LIKELIHOOD)));
    }

    /** A density computed in Java: independent per-pixel N(x/255; mean, 1), x the 8-bit value. */
    private record PixelGaussian(double mean) implements TrainedModel {
        double logDensity(byte[] image) {
            double sum = 0;
            for (byte b : image) {
                double u = (b & 0xFF) / 255.0 - mean;
                sum += -0.5 * Math.log(2 * Math.PI) - 0.5 * u * u;
            }
            return sum;
        }

        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOG_LIKELIHOOD);
        }

        @Override
        public Map<Quantity, PerExample> evaluate(ImageSet images, Set<Quantity> quantities) {
            double[] ll = new double[images.size()];
            for (int i = 0; i < ll.length; i++) ll[i] = logDensity(images.images()[i]);
            return Map.of(Quantity.LOG_LIKELIHOOD, new PerExample(ll.length, 1, ll));
        }
    }

    /** Seed 5, 256 levels; trainAuxiliary records the request and answers with the k-th model. */
    private record FixedPreparation(ImageSet training, List<AuxiliaryTraining> requests, IntFunction<TrainedModel> models)
            implements ScorerPreparation {
        @Override
        public String label() {
            return "scorer";
        }

        @Override
        public long seed() {
            return 5;
        }

        @Override
        public int levels() {
            return 256;
        }

        @Override
        public ImageSet trainingSet() {
            return training;
        }

        @Override
        public TrainedModel runModel() {
            throw new IllegalStateException("these scorers read the run model's quantities from the scoring input");
        }

        @Override
        public TrainedModel trainAuxiliary(AuxiliaryTraining request) {
            requests.add(request);
            return models.apply(requests.size());
        }
    }
}
