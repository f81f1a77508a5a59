package org.oodrunner.components.models.flows.stnets;

/** Where an s/t network's bottleneck squeezes its features. */
public enum BottleneckType {
    /** A 1x1 convolution down to N channels and back, at every pixel. */
    CHANNELS,
    /**
     * A fully connected layer from the whole feature map down to N units and back: the
     * autoencoder s/t network of Kirichenko et al. 2020 (their latent_dim), which stops a
     * coupling from copying local pixel correlations.
     */
    DENSE
}
