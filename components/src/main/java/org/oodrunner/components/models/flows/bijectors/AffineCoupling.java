package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.components.models.flows.masks.Mask;
import org.oodrunner.components.models.flows.stnets.StNet;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * The affine coupling layer (RealNVP, Glow). With x_a the values the mask changes and x_b
 * those it conditions on, and (raw, t) = NN(x_b):
 * <pre>
 *   y_a = (x_a + t) * exp(s),   s = logScale(raw),   y_b = x_b
 *   log |det J| = sum s
 * </pre>
 * The Jacobian is triangular because s and t do not depend on x_a; the inverse is
 * {@code x_a = y_a * exp(-s) - t} with s and t computed from y_b = x_b.
 */
public final class AffineCoupling implements Bijector {
    private final Ops tf;
    private final Mask mask;
    private final StNet net;
    private final ScaleFunction.LogScale logScale;

    /** @param net maps the conditioner to 2 * active channels: the raw scales, then the shifts */
    public AffineCoupling(Ops tf, Mask mask, StNet net, ScaleFunction.LogScale logScale) {
        this.tf = tf;
        this.mask = mask;
        this.net = net;
        this.logScale = logScale;
    }

    /** Log-scale s and shift t, zero wherever the mask changes nothing. */
    private record ScaleShift(Operand<TFloat32> s, Operand<TFloat32> t) {}

    /** s and t from the conditioning part. */
    private ScaleShift scaleShift(Operand<TFloat32> x) {
        Split<TFloat32> h = tf.split(tf.constant(3), net.apply(mask.conditioner(x)), 2L);
        return new ScaleShift(mask.restrict(logScale.apply(h.output().get(0))), mask.restrict(h.output().get(1)));
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        ScaleShift st = scaleShift(x);
        Operand<TFloat32> ya = tf.math.mul(tf.math.add(mask.active(x), st.t()), tf.math.exp(st.s()));
        return new Output(mask.combine(x, ya), ExampleOps.sum(tf, st.s()));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        ScaleShift st = scaleShift(y);
        Operand<TFloat32> xa = tf.math.sub(tf.math.mul(mask.active(y), tf.math.exp(tf.math.neg(st.s()))), st.t());
        return mask.combine(y, xa);
    }
}
