package org.oodrunner.components.models.flows.masks;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * Splits the channels in two halves: the coupling conditions on one half and changes the
 * other (RealNVP after a squeeze; every Glow coupling).
 */
public final class ChannelMask implements Mask {
    private final Ops tf;
    private final long half;
    private final boolean changeFirstHalf;

    /** @param changeFirstHalf true: change channels [0, C/2) given [C/2, C); false: the reverse */
    public ChannelMask(Ops tf, long channels, boolean changeFirstHalf) {
        if (channels < 2 || channels % 2 != 0) {
            throw new IllegalArgumentException("a channel mask needs an even number of channels, not " + channels);
        }
        this.tf = tf;
        this.half = channels / 2;
        this.changeFirstHalf = changeFirstHalf;
    }

    private Split<TFloat32> halves(Operand<TFloat32> x) {
        return tf.split(tf.constant(3), x, 2L);
    }

    @Override
    public Operand<TFloat32> conditioner(Operand<TFloat32> x) {
        return halves(x).output().get(changeFirstHalf ? 1 : 0);
    }

    @Override
    public Operand<TFloat32> active(Operand<TFloat32> x) {
        return halves(x).output().get(changeFirstHalf ? 0 : 1);
    }

    @Override
    public Operand<TFloat32> combine(Operand<TFloat32> x, Operand<TFloat32> newActive) {
        Operand<TFloat32> kept = conditioner(x);
        return tf.concat(changeFirstHalf ? List.of(newActive, kept) : List.of(kept, newActive), tf.constant(3));
    }

    @Override
    public Operand<TFloat32> restrict(Operand<TFloat32> v) {
        return v;
    }

    @Override
    public long conditionerChannels() {
        return half;
    }

    @Override
    public long activeChannels() {
        return half;
    }
}
