package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code input_complexity}. */
public record InputComplexityParams(
        @Param(doc = "the compressor that measures complexity: png (lossless) or jpeg", value = "png")
        Compressor compressor,
        @Param(doc = "JPEG quality, 1-100 (jpeg only)", value = "90", min = 1, max = 100) int jpegQuality) {

    /** The JDK image writers input complexity can use. */
    public enum Compressor {
        PNG,
        JPEG
    }
}
