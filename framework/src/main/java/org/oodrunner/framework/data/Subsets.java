package org.oodrunner.framework.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Class filters and random subsets ({@code limit}), drawn reproducibly from the run's seed. */
public final class Subsets {
    private Subsets() {}

    /** Keeps only examples whose label is in {@code classes}; null keeps all. */
    public static ImageSet classes(ImageSet set, List<Integer> classes) {
        if (classes == null) return set;
        if (!set.hasLabels()) {
            throw new IllegalArgumentException(set.name() + " has no labels to filter by class");
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (classes.contains(set.labels()[i])) keep.add(i);
        }
        return set.select(keep.stream().mapToInt(Integer::intValue).toArray(), set.name());
    }

    /**
     * A random subset: {@code limit < 1} is a fraction, otherwise a count; null or a count at
     * least the set's size keeps everything in its original order. The subset keeps the
     * original order of the chosen examples.
     */
    public static ImageSet limit(ImageSet set, Double limit, long seed) {
        if (limit == null) return set;
        int n = limit < 1 ? (int) Math.round(limit * set.size()) : (int) Math.floor(limit);
        if (n >= set.size()) return set;
        n = Math.max(n, 1);
        // Partial Fisher-Yates over indices, then sort so the subset keeps file order.
        int[] idx = new int[set.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        SplittableRandom r = new SplittableRandom(BatchPlan.mix(seed + set.name().hashCode()));
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(idx, n);
        java.util.Arrays.sort(chosen);
        return set.select(chosen, set.name());
    }
}
