package org.oodrunner.framework.tf;

import java.util.SplittableRandom;

/**
 * Seeds for random ops (initialisers, in-graph noise), all derived from the spec's seed in
 * the order ops are built, so the same spec builds the same graph with the same numbers.
 */
public final class OpSeeds {
    private final SplittableRandom random;

    /** Seeds for evaluation noise: a stream apart from the model's own, from the run's seed. */
    public static OpSeeds forEvaluation(long runSeed) {
        return new OpSeeds(runSeed ^ 0x3C6EF372FE94F82AL);
    }

    public OpSeeds(long specSeed) {
        this.random = new SplittableRandom(specSeed ^ 0x5DEECE66DL);
    }

    /** A non-zero seed for the next random op (TensorFlow treats 0 as "unseeded"). */
    public long next() {
        long s;
        do {
            s = random.nextLong() & 0x7FFFFFFFL;
        } while (s == 0);
        return s;
    }
}
