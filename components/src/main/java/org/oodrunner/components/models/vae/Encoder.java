package org.oodrunner.components.models.vae;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.components.nn.Conv2d;
import org.oodrunner.components.nn.Dense;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.components.nn.Padding;
import org.oodrunner.framework.data.ImageShape;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * q(z|x) = N(mu(x), diag sigma(x)^2): stride-2 4x4 convolutions with ELU, a fully connected
 * layer, then mu and sigma = softplus(.) + 1e-4 (a floor that keeps log sigma finite).
 */
final class Encoder {
    /** The posterior's parameters, each [batch, d]. */
    record Posterior(Operand<TFloat32> mean, Operand<TFloat32> std, Operand<TFloat32> logStd) {}

    private final Ops tf;
    private final List<Conv2d> convs;
    private final Dense hidden;
    private final Dense out;
    private final int flat;
    private final int latent;

    private Encoder(Ops tf, List<Conv2d> convs, Dense hidden, Dense out, int flat, int latent) {
        this.tf = tf;
        this.convs = convs;
        this.hidden = hidden;
        this.out = out;
        this.flat = flat;
        this.latent = latent;
    }

    static Encoder create(LayerScope scope, ImageShape shape, VaeParams p) {
        List<Conv2d> convs = new ArrayList<>();
        int in = shape.channels();
        for (int i = 0; i < p.channels().size(); i++) {
            int c = p.channels().get(i);
            convs.add(Conv2d.builder(4, 4, in, c).stride(2).padding(new Padding(1, 1, 1, 1)).build(scope, "conv_" + i));
            in = c;
        }
        int factor = 1 << p.channels().size();
        int flat = (shape.height() / factor) * (shape.width() / factor) * in;
        Dense hidden = Dense.create(scope, "hidden", flat, p.hiddenUnits(), 1);
        Dense out = Dense.create(scope, "posterior", p.hiddenUnits(), 2 * p.latentDim(), 0.1);
        return new Encoder(scope.tf(), convs, hidden, out, flat, p.latentDim());
    }

    /** The posterior of images scaled to [-1,1], [batch, H, W, C]. */
    Posterior apply(Operand<TFloat32> images) {
        Operand<TFloat32> h = images;
        for (Conv2d conv : convs) h = tf.nn.elu(conv.apply(h));
        h = tf.nn.elu(hidden.apply(tf.reshape(h, tf.constant(new int[] {-1, flat}))));
        Split<TFloat32> parts = tf.split(tf.constant(1), out.apply(h), 2L);
        Operand<TFloat32> std = tf.math.add(tf.math.softplus(parts.output().get(1)), tf.constant(1e-4f));
        return new Posterior(parts.output().get(0), std, tf.math.log(std));
    }

    int latentDim() {
        return latent;
    }
}
