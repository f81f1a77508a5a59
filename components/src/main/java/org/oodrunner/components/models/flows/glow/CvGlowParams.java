package org.oodrunner.components.models.flows.glow;

import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.framework.component.Param;

/**
 * Parameters of {@code cv_glow}, constant-volume Glow (Nalisnick et al. 2019): Glow with
 * additive couplings only, so log |det df/dx| depends on the parameters but not on x.
 */
public record CvGlowParams(
        @Param(doc = "levels L: each squeezes 2x2 into channels, runs K steps, then (except the last) factors out half",
                value = "3", min = 1) int levels,
        @Param(doc = "steps K per level: actnorm, invertible 1x1 convolution, additive coupling", value = "32", min = 1)
        int steps,
        @Param(doc = "channels of the coupling networks (conv3x3 - ReLU - conv1x1 - ReLU - conv3x3)", value = "512", min = 1)
        int hiddenChannels,
        @Param(doc = "the 1x1 convolution's weight: lu (W = P L (U + diag s), O(C) log-det) or plain (a free matrix)",
                value = "lu") InvertibleConvType invertibleConv,
        @Param(doc = "learn a mean and log-std per channel for the top latent's prior", value = "true") boolean learnTop,
        @Param(doc = "per-channel standard deviation ActNorm gives the initialisation batch", value = "1.0", min = 0,
                exclusiveMin = true) double actnormScale) {

    GlowDesign design() {
        // The scale function is unused: additive couplings have no scale.
        return new GlowDesign(levels, steps, hiddenChannels, CouplingType.ADDITIVE, ScaleFunction.SIGMOID,
                invertibleConv, learnTop, (float) actnormScale);
    }
}
