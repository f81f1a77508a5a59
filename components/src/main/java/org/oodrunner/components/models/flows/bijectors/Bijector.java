package org.oodrunner.components.models.flows.bijectors;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * An invertible map y = f(x) between image-shaped tensors [batch, H, W, C] that knows its
 * log-Jacobian: the building block of a normalizing flow, where
 * {@code log p(x) = log p_z(f(x)) + log |det df/dx|}.
 *
 * <p>A bijector creates its variables once, when constructed; {@link #forward}, {@link #inverse}
 * and {@link #initialize} may each be called several times (training, sampling and
 * initialisation graphs) and share them.
 */
public interface Bijector {
    /**
     * @param y f(x)
     * @param logDet per example, log |det df/dx| ([batch])
     */
    record Output(Operand<TFloat32> y, Operand<TFloat32> logDet) {}

    Output forward(Operand<TFloat32> x);

    /** x = f^-1(y). */
    Operand<TFloat32> inverse(Operand<TFloat32> y);

    /**
     * The forward pass of data-dependent initialisation. A layer that initialises itself from
     * data (ActNorm) computes its statistics on {@code x}, adds the assignments to {@code init}
     * and returns what it will compute once they have run, so later layers initialise on
     * correctly normalised activations. Every other layer simply runs forward.
     */
    default Output initialize(Operand<TFloat32> x, DataInit init) {
        return forward(x);
    }
}
