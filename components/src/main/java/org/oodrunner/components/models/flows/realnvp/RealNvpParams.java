package org.oodrunner.components.models.flows.realnvp;

import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.framework.component.Param;

/**
 * Parameters of {@code realnvp} (Dinh et al. 2017) with the masks and s/t networks that
 * Kirichenko et al. 2020 vary. With {@code scales: 1, final_couplings: 8} and a horizontal or
 * cyclic mask it is their single-scale 8-coupling flow.
 */
public record RealNvpParams(
        @Param(doc = "scales: each but the last runs `couplings` masked couplings, squeezes, runs `couplings` "
                + "channel-wise couplings and factors out half the channels", value = "2", min = 1) int scales,
        @Param(doc = "couplings per mask group at every scale but the last", value = "3", min = 1) int couplings,
        @Param(doc = "couplings at the last scale", value = "4", min = 1) int finalCouplings,
        @Param(doc = "the mask of the spatial couplings: checkerboard, channel, horizontal (top/bottom halves "
                + "alternate) or cyclic (each coupling changes the next quadrant given the previous one)",
                value = "checkerboard") MaskType mask,
        @Param(doc = "the s/t network of every coupling", value = "{}") StNetParams stNet,
        @Param(doc = "double the s/t networks' hidden channels at each coarser scale (RealNVP)", value = "true")
        boolean widenPerScale,
        @Param(doc = "how a coupling bounds its scale: tanh (RealNVP) or sigmoid (Glow)", value = "tanh")
        ScaleFunction scaleFunction,
        @Param(doc = "squeeze the image 2x2 into channels before the first scale (4x cheaper convolutions)",
                value = "false") boolean squeezeInput,
        @Param(doc = "give factored-out channels a learned conditional prior (Glow) instead of the standard normal",
                value = "false") boolean learnedPrior) {}
