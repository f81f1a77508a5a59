package org.oodrunner.framework.data;

import java.util.SplittableRandom;

/**
 * Builds batch k of a plan: the plan's examples, augmented when the plan is a training plan
 * and the run asks for it, dequantised into one float array. A pure function of (data, plan,
 * preprocessing, k), so the same batch comes out however often and in whatever order it is
 * built.
 */
public final class BatchAssembler {
    private final ImageSet data;
    private final BatchPlan plan;
    private final Preprocessing preprocessing;
    private final boolean augment;
    private final byte[] scratch;

    public BatchAssembler(ImageSet data, BatchPlan plan, Preprocessing preprocessing) {
        this.data = data;
        this.plan = plan;
        this.preprocessing = preprocessing;
        this.augment = plan.isTraining() && !preprocessing.augmentation().isNone() && !data.continuous();
        this.scratch = augment ? new byte[data.shape().dims()] : null;
    }

    /** Batch {@code k}; not thread-safe (one assembler per producing thread). */
    public Batch assemble(long k) {
        return assemble(k, null);
    }

    /**
     * Batch {@code k}, written into {@code reuse} when it has the batch's length (every value is
     * overwritten), else into a new array. Reusing spares the JVM zeroing 0.8 MB per CIFAR batch,
     * which is a third of the vector kernel's time.
     */
    public Batch assemble(long k, float[] reuse) {
        int d = data.shape().dims();
        int[] idx = plan.indices(k);
        float[] x = reuse != null && reuse.length == idx.length * d ? reuse : new float[idx.length * d];
        int[] y = data.hasLabels() ? new int[idx.length] : null;
        SplittableRandom noise = plan.noise(k);
        SplittableRandom choices = augment ? plan.augmentationRandom(k) : null;
        for (int i = 0; i < idx.length; i++) {
            if (data.continuous()) {
                // Continuous values (features) go to the model as they are: nothing to dequantise or augment.
                System.arraycopy(data.values()[idx[i]], 0, x, i * d, d);
                if (y != null) y[i] = data.labels()[idx[i]];
                continue;
            }
            byte[] image = data.images()[idx[i]];
            if (augment) image = preprocessing.augmentation().apply(image, data.shape(), scratch, choices);
            preprocessing.toFloats(image, x, i * d, noise);
            if (y != null) y[i] = data.labels()[idx[i]];
        }
        return new Batch(x, y, idx.length, data.shape(), k);
    }
}
