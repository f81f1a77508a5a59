package org.oodrunner.components.datasets.synthetic;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code constant}. */
public record ConstantParams(
        @Param(doc = "image height", value = "32", min = 1) int height,
        @Param(doc = "image width", value = "32", min = 1) int width,
        @Param(doc = "channels", value = "3", min = 1) int channels,
        @Param(doc = "number of images in each split", value = "10000", min = 1) int count,
        @Param(doc = "the 8-bit value of every pixel; null: each image gets its own random colour", value = "null",
                min = 0, max = 255) Integer value) implements NoiseShape {}
