package org.oodrunner.components.models.flows.bijectors;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Bijectors applied one after the other: f = f_n o ... o f_1, so
 * {@code log |det df/dx| = sum_i log |det df_i/dx_i|} and f^-1 = f_1^-1 o ... o f_n^-1.
 */
public final class Chain implements Bijector {
    private final Ops tf;
    private final List<Bijector> layers;

    public Chain(Ops tf, List<? extends Bijector> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a chain needs at least one bijector");
        this.tf = tf;
        this.layers = List.copyOf(layers);
    }

    @Override
    public Output forward(Operand<TFloat32> x) {
        List<Operand<TFloat32>> logDets = new ArrayList<>();
        for (Bijector layer : layers) {
            Output out = layer.forward(x);
            x = out.y();
            logDets.add(out.logDet());
        }
        return new Output(x, total(logDets));
    }

    @Override
    public Operand<TFloat32> inverse(Operand<TFloat32> y) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            y = layers.get(i).inverse(y);
        }
        return y;
    }

    @Override
    public Output initialize(Operand<TFloat32> x, DataInit init) {
        List<Operand<TFloat32>> logDets = new ArrayList<>();
        for (Bijector layer : layers) {
            Output out = layer.initialize(x, init);
            x = out.y();
            logDets.add(out.logDet());
        }
        return new Output(x, total(logDets));
    }

    public List<Bijector> layers() {
        return layers;
    }

    private Operand<TFloat32> total(List<Operand<TFloat32>> logDets) {
        return logDets.size() == 1 ? logDets.get(0) : tf.math.addN(logDets);
    }
}
