package org.oodrunner.components.models.flows.stnets;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The network of a coupling layer: maps the values the coupling conditions on to its shift
 * (and raw log-scale), [batch, H, W, C_in] -> [batch, H, W, C_out]. It need not be invertible.
 */
@FunctionalInterface
public interface StNet {
    Operand<TFloat32> apply(Operand<TFloat32> x);
}
