package org.oodrunner.components.models.flows.bijectors;

import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fixed permutation of the channels, {@code y[..., i] = x[..., order[i]]}: volume-preserving
 * (log |det| = 0), so couplings of alternating halves see every pair of values mixed.
 */
public final class Permutation implements Bijector {
    private final Ops tf;
    private final int[] order;
    private final int[] inverse;

    public Permutation(Ops tf, int[] order) {
        this.tf = tf;
        this.order = order.clone();
        this.inverse = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= order.length || seen[order[i]]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (order.length - 1));
            }
            seen[order[i]] = true;
            inverse[order[i]] = i;
        }
    }

    /** The channels in reverse order (RealNVP's choice for vectors). */
    public static Permutation reverse(Ops tf, int channels) {
        int[] order = new int[channels];
        for (int i = 0; i < channels; i++) order[i] = channels - 1 - i;
        return new Permutation(tf, order);
    }

    /** A uniformly random order drawn from {@code seed}. */
    public static Permutation random(Ops tf, int channels, long seed) {
        int[] order = new int[channels];
        for (int i = 0; i < channels; i++) order[i] = i;
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = channels - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new Permutation(tf, order);
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        return new Output(tf.gather(x, tf.constant(order), tf.constant(3)), ExampleOps.zeros(tf, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        return tf.gather(y, tf.constant(inverse), tf.constant(3));
    }
}
