package org.oodrunner.components.models.flows.mlp;

import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.framework.component.Param;

/** Parameters of {@code mlp_flow}: a flow for vectors with MLP couplings (Kirichenko et al. 2020, flows on embeddings). */
public record MlpFlowParams(
        @Param(doc = "flow steps, each [actnorm] - mixing - affine coupling", value = "8", min = 1) int steps,
        @Param(doc = "hidden units of each coupling's MLP", value = "256", min = 1) int hidden,
        @Param(doc = "hidden layers of each MLP after the first", value = "1", min = 0) int blocks,
        @Param(doc = "how the values are mixed before each coupling: reverse, random (a fixed permutation from the "
                + "seed) or lu (Glow's learned invertible linear map)", value = "lu") Mixing mixing,
        @Param(doc = "an actnorm before each step (Glow; initialised from the first batch, so features of any scale "
                + "start standardised)", value = "true") boolean actnorm,
        @Param(doc = "initial output scale of the actnorms", value = "1.0", min = 0, exclusiveMin = true)
        double actnormScale,
        @Param(doc = "how a coupling bounds its scale: tanh (RealNVP) or sigmoid (Glow)", value = "sigmoid")
        ScaleFunction scaleFunction) {}
