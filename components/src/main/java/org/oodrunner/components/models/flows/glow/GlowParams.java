package org.oodrunner.components.models.flows.glow;

import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.framework.component.Param;

/** Parameters of {@code glow} (Kingma and Dhariwal 2018); defaults are the paper's CIFAR-10 model. */
public record GlowParams(
        @Param(doc = "levels L: each squeezes 2x2 into channels, runs K steps, then (except the last) factors out half",
                value = "3", min = 1) int levels,
        @Param(doc = "steps K per level: actnorm, invertible 1x1 convolution, coupling", value = "32", min = 1) int steps,
        @Param(doc = "channels of the coupling networks (conv3x3 - ReLU - conv1x1 - ReLU - conv3x3)", value = "512", min = 1)
        int hiddenChannels,
        @Param(doc = "affine (y = (x + t) * scale) or additive (y = x + t, volume-preserving)", value = "affine")
        CouplingType coupling,
        @Param(doc = "how an affine coupling bounds its scale: sigmoid (Glow) or tanh (RealNVP)", value = "sigmoid")
        ScaleFunction scaleFunction,
        @Param(doc = "the 1x1 convolution's weight: lu (W = P L (U + diag s), O(C) log-det) or plain (a free matrix)",
                value = "lu") InvertibleConvType invertibleConv,
        @Param(doc = "learn a mean and log-std per channel for the top latent's prior", value = "true") boolean learnTop,
        @Param(doc = "per-channel standard deviation ActNorm gives the initialisation batch", value = "1.0", min = 0,
                exclusiveMin = true) double actnormScale) {

    GlowDesign design() {
        return new GlowDesign(levels, steps, hiddenChannels, coupling, scaleFunction, invertibleConv, learnTop,
                (float) actnormScale);
    }
}
