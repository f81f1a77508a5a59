package org.oodrunner.components.nn;

/** How a layer's weights start: normal with standard deviation gain / sqrt(fan-in), or zeros. */
public enum WeightInit {
    /**
     * Variance 2 / fan-in (He et al. 2015): keeps the scale of activations through ReLU layers,
     * which matters here because the s/t networks have no normalisation layers.
     */
    HE(Math.sqrt(2.0)),
    /** Variance 1 / fan-in (LeCun): keeps the scale through a linear layer, such as a bottleneck. */
    LECUN(1.0),
    /** All zeros: the last layer of an s/t network, so that every coupling starts as the identity (Glow). */
    ZEROS(0.0);

    private final double gain;

    WeightInit(double gain) {
        this.gain = gain;
    }

    /** The gain the layer builders take ({@link Conv2d.Builder#gain}, {@link Dense#create}). */
    public double gain() {
        return gain;
    }
}
