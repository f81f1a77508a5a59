package org.oodrunner.components.models.flows.bijectors;

import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * How an affine coupling turns the raw output of its network into a bounded log-scale, so that
 * a large raw value cannot blow the scale up.
 */
public enum ScaleFunction {
    /** {@code log scale = a_c * tanh(raw)} with a learned per-channel a_c starting at 1 (RealNVP, Kirichenko et al.). */
    TANH,
    /** {@code scale = sigmoid(raw + 2)}, so {@code log scale = -softplus(-(raw + 2))}: at most 1, about 0.88 at the start (Glow). */
    SIGMOID;

    /** The log-scale map of one coupling, creating its parameters (if any) in {@code tf}'s scope. */
    public LogScale create(Ops tf, Parameters parameters, Initializers init, long channels) {
        return switch (this) {
            case TANH -> {
                Variable<TFloat32> amplitude = parameters.create(tf, "scale_amplitude", init.constant(1f, channels));
                yield raw -> tf.math.mul(amplitude, tf.math.tanh(raw));
            }
            case SIGMOID -> raw -> tf.math.neg(tf.math.softplus(tf.math.neg(tf.math.add(raw, tf.constant(2f)))));
        };
    }

    /** raw network output -> log of the per-value scale. */
    @FunctionalInterface
    public interface LogScale {
        Operand<TFloat32> apply(Operand<TFloat32> raw);
    }
}
