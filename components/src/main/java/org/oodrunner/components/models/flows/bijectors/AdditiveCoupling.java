package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.components.models.flows.masks.Mask;
import org.oodrunner.components.models.flows.stnets.StNet;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The additive coupling layer (NICE; Glow's additive option): {@code y_a = x_a + t(x_b)},
 * {@code y_b = x_b}. Volume-preserving, log |det J| = 0 for every input: the building block of
 * constant-volume flows.
 */
public final class AdditiveCoupling implements Bijector {
    private final Ops tf;
    private final Mask mask;
    private final StNet net;

    /** @param net maps the conditioner to the active channels: the shifts */
    public AdditiveCoupling(Ops tf, Mask mask, StNet net) {
        this.tf = tf;
        this.mask = mask;
        this.net = net;
    }

    private Operand<TFloat32> shift(Operand<TFloat32> x) {
        return mask.restrict(net.apply(mask.conditioner(x)));
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        Operand<TFloat32> ya = tf.math.add(mask.active(x), shift(x));
        return new Output(mask.combine(x, ya), ExampleOps.zeros(tf, x));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        return mask.combine(y, tf.math.sub(mask.active(y), shift(y)));
    }
}
