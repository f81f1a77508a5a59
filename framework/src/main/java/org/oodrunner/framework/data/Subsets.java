package org.oodrunner.framework.data;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
        return set.select(withClasses(set.labels(), set.size(), classes), set.name());
    }

    /**
     * A random subset: {@code limit < 1} is a fraction, otherwise a count; null or a count at
     * least the set's size keeps everything in its original order. The subset keeps the
     * original order of the chosen examples.
     */
    public static ImageSet limit(ImageSet set, Double limit, long seed) {
        int[] all = new int[set.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        int[] chosen = limit(all, limit, seed, set.name());
        return chosen.length == all.length ? set : set.select(chosen, set.name());
    }

    /** Indices {@code 0..n-1} whose label is in {@code classes} (all of them when classes is null). */
    public static int[] withClasses(int[] labels, int n, List<Integer> classes) {
        if (classes == null) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        boolean[] keep = new boolean[1 + classes.stream().mapToInt(Integer::intValue).max().orElse(0)];
        for (int c : classes) keep[c] = true;
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y >= 0 && y < keep.length && keep[y]) out[k++] = i;
        }
        return Arrays.copyOf(out, k);
    }

    /** Those of {@code indices} whose label is in {@code classes} (all of them when classes is null). */
    public static int[] withClasses(int[] labels, int[] indices, List<Integer> classes) {
        if (classes == null) return indices;
        Set<Integer> keep = Set.copyOf(classes);
        return Arrays.stream(indices).filter(i -> keep.contains(labels[i])).toArray();
    }

    /**
     * A random subset of {@code indices}, in their original order; {@code salt} (the set's
     * name) makes different sets draw differently from one seed.
     */
    public static int[] limit(int[] indices, Double limit, long seed, String salt) {
        if (limit == null) return indices;
        int n = limit < 1 ? (int) Math.round(limit * indices.length) : (int) Math.floor(limit);
        if (n >= indices.length) return indices;
        n = Math.max(n, 1);
        // Partial Fisher-Yates over positions, then sort so the subset keeps file order.
        int[] pos = new int[indices.length];
        for (int i = 0; i < pos.length; i++) pos[i] = i;
        SplittableRandom r = new SplittableRandom(BatchPlan.mix(seed + salt.hashCode()));
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(pos.length - i);
            int t = pos[i];
            pos[i] = pos[j];
            pos[j] = t;
        }
        int[] chosen = Arrays.copyOf(pos, n);
        Arrays.sort(chosen);
        for (int i = 0; i < n; i++) chosen[i] = indices[chosen[i]];
        return chosen;
    }
}
