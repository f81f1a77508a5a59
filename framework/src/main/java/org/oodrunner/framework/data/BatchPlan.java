package org.oodrunner.framework.data;

import java.util.SplittableRandom;

/**
 * Which examples go into which batch, as a pure function of the seed: training batches follow
 * a fresh permutation each epoch; evaluation batches go in order. Because batch k depends only
 * on (seed, k), a resumed run sees exactly the batches an uninterrupted one would.
 */
public final class BatchPlan {
    private final int datasetSize;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    private BatchPlan(int datasetSize, int batchSize, long seed, boolean shuffle) {
        if (datasetSize <= 0) throw new IllegalArgumentException("empty dataset");
        this.datasetSize = datasetSize;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
    }

    /** Shuffled, full batches only (the incomplete tail of each epoch is dropped, as usual for training). */
    public static BatchPlan training(int datasetSize, int batchSize, long seed) {
        return new BatchPlan(datasetSize, Math.min(batchSize, datasetSize), seed, true);
    }

    /** In order; the last batch may be short. */
    public static BatchPlan evaluation(int datasetSize, int batchSize, long seed) {
        return new BatchPlan(datasetSize, batchSize, seed, false);
    }

    public int batchesPerEpoch() {
        return shuffle ? datasetSize / batchSize : (datasetSize + batchSize - 1) / batchSize;
    }

    /** True for training plans: shuffled, and the only batches that get augmentation. */
    public boolean isTraining() {
        return shuffle;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Dataset indices of global batch {@code k} (for evaluation plans, k < batchesPerEpoch()). */
    public synchronized int[] indices(long k) {
        int perEpoch = batchesPerEpoch();
        int epoch = (int) (k / perEpoch);
        int within = (int) (k % perEpoch);
        int start = within * batchSize;
        int size = Math.min(batchSize, datasetSize - start);
        int[] out = new int[size];
        if (!shuffle) {
            for (int i = 0; i < size; i++) out[i] = start + i;
            return out;
        }
        int[] order = order(epoch);
        System.arraycopy(order, start, out, 0, size);
        return out;
    }

    /** The noise source for batch {@code k}: independent of every other batch, fixed by the seed. */
    public SplittableRandom noise(long k) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + k + (shuffle ? 0 : 0x51ED27L)));
    }

    /** The random choices of training augmentation for batch {@code k}, independent of its noise. */
    public SplittableRandom augmentationRandom(long k) {
        return new SplittableRandom(mix(seed * 0xD1B54A32D192ED03L + k + 0xA0617E5L));
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            int[] order = new int[datasetSize];
            for (int i = 0; i < datasetSize; i++) order[i] = i;
            SplittableRandom r = new SplittableRandom(mix(seed ^ (0xC2B2AE3D27D4EB4FL * (epoch + 1))));
            for (int i = datasetSize - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cachedOrder = order;
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
