package org.oodrunner.components.scorers;

import java.util.SplittableRandom;
import org.oodrunner.framework.data.ImageSet;

/**
 * The perturbation Ren et al. (2019) train their background model on: each value (every channel
 * of every pixel) is, independently with probability mu, replaced by a uniformly random 8-bit
 * value. The noise corrupts semantics while keeping the population-level statistics that make
 * raw likelihoods misleading, so the background model learns mostly the latter.
 */
final class BackgroundNoise {
    private BackgroundNoise() {}

    /** A perturbed copy (new arrays; the input is untouched), drawn from {@code seed}. */
    static ImageSet perturb(ImageSet set, double mu, long seed) {
        if (!(mu >= 0 && mu <= 1)) throw new IllegalArgumentException("mu must be in [0, 1], got " + mu);
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] out = new byte[set.size()][];
        for (int i = 0; i < set.size(); i++) {
            byte[] img = set.images()[i].clone();
            for (int p = 0; p < img.length; p++) {
                if (random.nextDouble() < mu) img[p] = (byte) random.nextInt(256);
            }
            out[i] = img;
        }
        return new ImageSet(set.name() + "+noise", set.shape(), out, set.labels(), set.numClasses());
    }
}
