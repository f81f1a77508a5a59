package org.oodrunner.framework.tf;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An invertible, density-changing map the framework applies in the graph between the fed
 * images (dequantised, in [0,1]) and the model's input: a logit transform, a per-channel
 * normalisation. Its log-Jacobian is added to the model's log-likelihood so that every model
 * still reports a density over the [0,1] images (see docs/architecture.md).
 */
public interface InputTransform {
    /** The transformed batch and, per example, log |det dy/dx| (shape [batch]). */
    record Result(Operand<TFloat32> output, Operand<TFloat32> logDetJacobian) {}

    Result forward(Ops tf, Operand<TFloat32> images);

    /** Maps model-space images back to [0,1] (for samples). */
    Operand<TFloat32> inverse(Ops tf, Operand<TFloat32> modelInput);

    /** No transform: the model sees the [0,1] images; log-Jacobian 0. */
    static InputTransform identity() {
        return new InputTransform() {
            @Override
            public Result forward(Ops tf, Operand<TFloat32> images) {
                Operand<TFloat32> zeros = tf.math.mul(tf.sum(images, tf.constant(new int[] {1, 2, 3})), tf.constant(0f));
                return new Result(images, zeros);
            }

            @Override
            public Operand<TFloat32> inverse(Ops tf, Operand<TFloat32> modelInput) {
                return modelInput;
            }
        };
    }
}
