package org.oodrunner.components.datasets.synthetic;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code gaussian_noise}. */
public record GaussianNoiseParams(
        @Param(doc = "image height", value = "32", min = 1) int height,
        @Param(doc = "image width", value = "32", min = 1) int width,
        @Param(doc = "channels", value = "3", min = 1) int channels,
        @Param(doc = "number of images in each split", value = "10000", min = 1) int count,
        @Param(doc = "mean of every value, on the [0,1] intensity scale", value = "0.5", min = 0, max = 1) double mean,
        @Param(doc = "standard deviation, on the [0,1] scale; values are clipped to [0,1], then rounded to 8 bits",
                value = "0.25", min = 0) double std) implements NoiseShape {}
