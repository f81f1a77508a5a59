package org.oodrunner.components.nn;

import org.oodrunner.framework.tf.Initializers;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** How a layer's weights start. */
public enum WeightInit {
    /**
     * Normal with variance 2 / fan-in (He et al. 2015): keeps the scale of activations through
     * ReLU layers, which matters here because the s/t networks have no normalisation layers.
     */
    HE,
    /** Normal with variance 1 / fan-in (LeCun): keeps the scale through a linear layer, such as a bottleneck. */
    LECUN,
    /** All zeros: the last layer of an s/t network, so that every coupling starts as the identity (Glow). */
    ZEROS;

    Operand<TFloat32> initial(Initializers init, long fanIn, long... shape) {
        return switch (this) {
            case HE -> init.normal((float) Math.sqrt(2.0 / fanIn), shape);
            case LECUN -> init.normal((float) Math.sqrt(1.0 / fanIn), shape);
            case ZEROS -> init.zeros(shape);
        };
    }
}
