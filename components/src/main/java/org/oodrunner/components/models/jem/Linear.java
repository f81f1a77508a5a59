package org.oodrunner.components.models.jem;

import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** y = x W + b on [batch, in] features, initialised like {@link Conv}. */
final class Linear {
    private final Variable<TFloat32> weight;
    private final Variable<TFloat32> bias;

    Linear(Ops tf, Parameters parameters, Initializers init, long in, long out) {
        float bound = (float) (1 / Math.sqrt(in));
        this.weight = parameters.create(tf, "weight", init.uniform(-bound, bound, in, out));
        this.bias = parameters.create(tf, "bias", init.uniform(-bound, bound, out));
    }

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return tf.math.add(tf.linalg.matMul(x, weight), bias);
    }
}
