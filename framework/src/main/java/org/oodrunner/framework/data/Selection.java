package org.oodrunner.framework.data;

import java.util.List;

/**
 * Which examples of a split a run uses: a slice of the split ({@code range}), then a class
 * filter, then a random subset, all fixed by the run's seed. Sources apply it before decoding
 * pixels, so a small subset of a large set of image files costs only the files it keeps.
 *
 * @param classes null: every class; otherwise only these labels
 * @param limit null: all; below 1: a fraction; otherwise a count
 * @param range null: the whole split; otherwise only this slice of it
 * @param seed the run's seed
 * @param salt the set's name ({@code dataset/split}): different sets draw different subsets
 */
public record Selection(List<Integer> classes, Double limit, SplitRange range, long seed, String salt) {
    public Selection {
        classes = classes == null ? null : List.copyOf(classes);
    }

    /** A class filter and a random subset of the whole split. */
    public Selection(List<Integer> classes, Double limit, long seed, String salt) {
        this(classes, limit, null, seed, salt);
    }

    /** Every example. */
    public static Selection all() {
        return new Selection(null, null, null, 0, "");
    }

    public boolean isAll() {
        return classes == null && limit == null && range == null;
    }

    /**
     * The chosen indices among {@code n} examples, in their original order.
     *
     * @param labels the examples' labels; may be null only when no class filter is asked for
     */
    public int[] choose(int n, int[] labels) {
        if (classes != null && labels == null) {
            throw new IllegalArgumentException(salt + " has no labels to filter by class");
        }
        int[] candidates = range == null ? Subsets.withClasses(labels, n, classes)
                : Subsets.withClasses(labels, range.indices(n, seed, salt), classes);
        return Subsets.limit(candidates, limit, seed, salt);
    }
}
