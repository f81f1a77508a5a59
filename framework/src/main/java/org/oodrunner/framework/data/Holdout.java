package org.oodrunner.framework.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Splits a validation set off a training set: a random subset drawn from the run's seed and the
 * set's name, so the same spec always holds out the same examples. Both parts keep the original
 * order of their examples.
 */
public final class Holdout {
    /** The two parts. */
    public record Split(ImageSet train, ImageSet validation) {}

    private Holdout() {}

    /** @param size below 1: a fraction of the set; otherwise a count */
    public static Split split(ImageSet set, double size, long seed) {
        int n = set.size();
        int held = size < 1 ? (int) Math.round(size * n) : (int) Math.floor(size);
        if (held < 1 || held >= n) {
            throw new RunFailedException("data.validation.size " + size + " holds out " + held + " of the " + n
                    + " training examples of " + set.name() + "; choose a size that leaves at least one on each side");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        SplittableRandom r = new SplittableRandom(BatchPlan.mix(seed ^ 0x4F1D_0A7E_5EEDL ^ set.name().hashCode()));
        for (int i = 0; i < held; i++) {
            int j = i + r.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] validation = Arrays.copyOf(idx, held);
        int[] train = Arrays.copyOfRange(idx, held, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(set.select(train, set.name()), set.select(validation, set.name() + "[validation]"));
    }
}
