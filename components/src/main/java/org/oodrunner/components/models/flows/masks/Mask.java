package org.oodrunner.components.models.flows.masks;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * Which values a coupling layer changes and which it conditions on. A coupling computes its
 * shift and scale from {@link #conditioner(Operand)} and updates {@link #active(Operand)}; the
 * two never overlap, which is what makes the coupling invertible with a triangular Jacobian.
 */
public interface Mask {
    /** What the s/t network sees. */
    Operand<TFloat32> conditioner(Operand<TFloat32> x);

    /** The values the coupling transforms (values outside the mask come back unchanged). */
    Operand<TFloat32> active(Operand<TFloat32> x);

    /** {@code x} with its active part replaced by {@code newActive}. */
    Operand<TFloat32> combine(Operand<TFloat32> x, Operand<TFloat32> newActive);

    /** A shift or log-scale of the active part's shape, zeroed wherever the coupling must not change anything. */
    Operand<TFloat32> restrict(Operand<TFloat32> v);

    /** Channels of {@link #conditioner}. */
    long conditionerChannels();

    /** Channels of {@link #active}. */
    long activeChannels();
}
