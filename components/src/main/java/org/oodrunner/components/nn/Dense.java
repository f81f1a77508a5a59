package org.oodrunner.components.nn;

import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** A fully connected layer {@code x W + b} on [batch, features] tensors. */
public final class Dense {
    private final Ops tf;
    private final Variable<TFloat32> weights;
    private final Variable<TFloat32> bias;

    /** @param tf the scope the variables are created in (their names: {@code weights}, {@code bias}) */
    public Dense(Ops tf, Parameters parameters, Initializers init, long inFeatures, long outFeatures, WeightInit how) {
        this.tf = tf;
        this.weights = parameters.create(tf, "weights", how.initial(init, inFeatures, inFeatures, outFeatures));
        this.bias = parameters.create(tf, "bias", init.zeros(outFeatures));
    }

    public Operand<TFloat32> apply(Operand<TFloat32> x) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, weights), bias);
    }
}
