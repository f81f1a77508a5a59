package org.oodrunner.framework.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.oodrunner.framework.errors.BadInputException;

/**
 * A contiguous slice {@code [start, end)} of a split ({@code range:} of a dataset reference),
 * counted in the split's on-disk order or, when {@code shuffled}, in an order drawn from the
 * run's seed and the split's name. Every reference to one split in a run sees the same order,
 * so two ranges that do not overlap select disjoint examples: a training part and a test part
 * of a single split.
 */
public record SplitRange(int start, int end, boolean shuffled) {
    public SplitRange {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") must have 0 <= start < end");
        }
    }

    /**
     * The indices of the slice among {@code n} examples, in on-disk order.
     *
     * @param salt the split's name ({@code mnist/train_first10k}): it fixes the shuffled order
     */
    public int[] indices(int n, long seed, String salt) {
        if (end > n) throw new BeyondSplit(salt, this, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffled) {
            SplittableRandom r = new SplittableRandom(BatchPlan.mix(seed * 0x632BE59BD9B4E019L + ("order:" + salt).hashCode()));
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] slice = Arrays.copyOfRange(order, start, end);
        // Kept in on-disk order, as class filters and limits keep it.
        if (shuffled) Arrays.sort(slice);
        return slice;
    }

    /** The range ends past the split's last example (a split whose size only loading tells). */
    public static final class BeyondSplit extends BadInputException {
        private final int size;

        BeyondSplit(String split, SplitRange range, int size) {
            super(split + ": range [" + range.start() + ", " + range.end() + "] ends past the split's " + size
                    + " examples; give an end of at most " + size);
            this.size = size;
        }

        /** How many examples the split holds. */
        public int size() {
            return size;
        }
    }
}
