package org.oodrunner.framework.data;

import java.util.List;

/**
 * Which examples of a split a run uses: a class filter, then a random subset, both fixed by
 * the run's seed. Sources apply it before decoding pixels, so a small subset of a large set of
 * image files costs only the files it keeps.
 *
 * @param classes null: every class; otherwise only these labels
 * @param limit null: all; below 1: a fraction; otherwise a count
 * @param seed the run's seed
 * @param salt the set's name ({@code dataset/split}): different sets draw different subsets
 */
public record Selection(List<Integer> classes, Double limit, long seed, String salt) {
    public Selection {
        classes = classes == null ? null : List.copyOf(classes);
    }

    /** Every example. */
    public static Selection all() {
        return new Selection(null, null, 0, "");
    }

    public boolean isAll() {
        return classes == null && limit == null;
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
        return Subsets.limit(Subsets.withClasses(labels, n, classes), limit, seed, salt);
    }
}
