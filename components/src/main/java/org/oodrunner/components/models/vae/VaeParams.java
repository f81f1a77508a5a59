package org.oodrunner.components.models.vae;

import java.util.List;
import org.oodrunner.components.models.discrete.PixelLikelihood;
import org.oodrunner.framework.component.Param;

/** Parameters of the convolutional VAE. */
public record VaeParams(
        @Param(doc = "size d of the diagonal Gaussian latent", value = "32", min = 1, max = 4096) int latentDim,
        @Param(doc = "feature maps of the encoder's stride-2 4x4 convolutions, in order; the decoder mirrors them. "
                + "Each halves height and width, so both must be divisible by 2^(number of entries)", value = "[32, 64]")
        List<Integer> channels,
        @Param(doc = "units of the fully connected layer between the convolutions and the latent, both ways", value = "256",
                min = 1, max = 65536)
        int hiddenUnits,
        @Param(doc = "decoder likelihood per sub-pixel: categorical (softmax over the 2^bits levels), "
                + "discretized_logistic (mixture of discretised logistics) or bernoulli (binary data only: bits 1)",
                value = "categorical")
        PixelLikelihood likelihood,
        @Param(doc = "mixture components of the discretized_logistic likelihood", value = "1", min = 1, max = 100)
        int mixtureComponents,
        @Param(doc = "k, importance samples per example for the log-likelihood estimate when scoring (1: the ELBO); "
                + "scoring decodes batch_size * k images at once", value = "32", min = 1, max = 100000)
        int importanceSamples) {}
