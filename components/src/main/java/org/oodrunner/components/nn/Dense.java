package org.oodrunner.components.nn;

import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A fully connected layer, [batch, in] to [batch, out]. */
public final class Dense {
    private final Ops tf;
    private final Variable<TFloat32> weight;
    private final Variable<TFloat32> bias;

    private Dense(Ops tf, Variable<TFloat32> weight, Variable<TFloat32> bias) {
        this.tf = tf;
        this.weight = weight;
        this.bias = bias;
    }

    /** Weights normal with standard deviation gain / sqrt(in); 0 starts the layer at zero output. */
    public static Dense create(LayerScope scope, String name, int in, int out, double gain) {
        return createIn(scope.sub(name), in, out, gain);
    }

    /** Variables {@code weight} and {@code bias} created directly in {@code tf}'s scope. */
    public static Dense create(Ops tf, Parameters parameters, Initializers init, long in, long out, WeightInit weights) {
        return createIn(new LayerScope(tf, parameters, init), Math.toIntExact(in), Math.toIntExact(out), weights.gain());
    }

    private static Dense createIn(LayerScope s, int in, int out, double gain) {
        Variable<TFloat32> w = s.parameters().create(s.tf(), "weight",
                gain == 0 ? s.init().zeros(in, out) : s.init().normal((float) (gain / Math.sqrt(in)), in, out));
        Variable<TFloat32> b = s.parameters().create(s.tf(), "bias", s.init().zeros(out));
        return new Dense(s.tf(), w, b);
    }

    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        return tf.math.add(tf.linalg.matMul(x, weight), bias);
    }
}
