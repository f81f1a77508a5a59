package org.oodrunner.framework.spec.model;

import java.util.List;
import org.oodrunner.framework.component.Param;

/**
 * How stored 8-bit images become model inputs; the same for every dataset of a run, so the
 * in-distribution and OOD sets are always prepared alike. Three places apply it:
 * <ol>
 *   <li>at load time, on the 8-bit images, in this order: {@code center_crop}, {@code resize},
 *       {@code pad}, {@code channels}, {@code bits} (what scorers that read pixels see too);
 *   <li>per batch: {@code random_flip} and {@code random_crop} (training batches only), then
 *       {@code dequantize} and scaling to [0,1];
 *   <li>in the graph: {@code transform} (logit or per-channel normalisation), whose
 *       log-Jacobian keeps every likelihood a density over the [0,1] images.
 * </ol>
 */
public record PreprocessSpec(
        @Param(doc = "crop a centred square of this side from every image (before resizing); null: no crop",
                value = "null", min = 1)
        Integer centerCrop,
        @Param(doc = "resize every image to this square side; null: keep the size", value = "null", min = 1)
        Integer resize,
        @Param(doc = "how `resize` interpolates: nearest, bilinear (half-pixel centres, no antialiasing) or area "
                + "(mean of the covered source pixels; the right choice for shrinking)", value = "bilinear")
        ResizeMethod resizeMethod,
        @Param(doc = "black pixels added on each side after resizing (28x28 with pad 2 becomes 32x32)", value = "0", min = 0)
        int pad,
        @Param(doc = "convert to 1 channel (ITU-R 601 luma, as PIL's 'L') or 3 (gray copied to R, G, B); null: keep",
                value = "null", min = 1, max = 3)
        Integer channels,
        @Param(doc = "bit depth kept per value; 2^bits levels", value = "8", min = 1, max = 8) int bits,
        @Param(doc = "dequantisation noise added to the integer levels before scaling to [0,1]", value = "uniform")
        Dequantization dequantize,
        @Param(doc = "training batches only: flip each image left-right with probability 1/2", value = "false")
        boolean randomFlip,
        @Param(doc = "training batches only: pad by this many black pixels on each side, then crop back to the "
                + "image size at a random offset; 0: off", value = "0", min = 0)
        int randomCrop,
        @Param(doc = "in-graph map from the [0,1] images to the model's input: none, logit or normalize; its "
                + "log-Jacobian is added to every log-likelihood", value = "none")
        InputTransformKind transform,
        @Param(doc = "logit transform: y = logit(alpha + (1 - 2 alpha) x)", value = "0.05", min = 0, max = 0.5,
                exclusiveMin = true)
        double logitAlpha,
        @Param(doc = "normalize: per-channel means to subtract; null: measured on the training set", value = "null")
        List<Double> mean,
        @Param(doc = "normalize: per-channel standard deviations to divide by; null: measured on the training set",
                value = "null")
        List<Double> std) {

    public PreprocessSpec {
        mean = mean == null ? null : List.copyOf(mean);
        std = std == null ? null : List.copyOf(std);
    }

    /** Every default: 8 bits, uniform dequantisation, nothing else. */
    public static PreprocessSpec defaults() {
        return new PreprocessSpec(null, null, ResizeMethod.BILINEAR, 0, null, 8, Dequantization.UNIFORM, false, 0,
                InputTransformKind.NONE, 0.05, null, null);
    }

    /** Number of distinct values per sub-pixel after reducing the bit depth. */
    public int levels() {
        return 1 << bits;
    }

    public PreprocessSpec withGeometry(Integer centerCrop, Integer resize, ResizeMethod method, int pad, Integer channels) {
        return new PreprocessSpec(centerCrop, resize, method, pad, channels, bits, dequantize, randomFlip, randomCrop,
                transform, logitAlpha, mean, std);
    }

    public PreprocessSpec withQuantization(int bits, Dequantization dequantize) {
        return new PreprocessSpec(centerCrop, resize, resizeMethod, pad, channels, bits, dequantize, randomFlip,
                randomCrop, transform, logitAlpha, mean, std);
    }

    public PreprocessSpec withAugmentation(boolean randomFlip, int randomCrop) {
        return new PreprocessSpec(centerCrop, resize, resizeMethod, pad, channels, bits, dequantize, randomFlip,
                randomCrop, transform, logitAlpha, mean, std);
    }

    public PreprocessSpec withTransform(InputTransformKind transform, double logitAlpha, List<Double> mean, List<Double> std) {
        return new PreprocessSpec(centerCrop, resize, resizeMethod, pad, channels, bits, dequantize, randomFlip,
                randomCrop, transform, logitAlpha, mean, std);
    }

    public enum Dequantization {
        /** x = (level + u) / levels with u ~ U[0,1): the continuous density bounds the discrete likelihood. */
        UNIFORM,
        /** x = (level + 0.5) / levels: for models of discrete data. */
        NONE
    }

    public enum ResizeMethod {
        NEAREST,
        BILINEAR,
        AREA
    }

    /** The density-changing map between the fed [0,1] images and the model's input. */
    public enum InputTransformKind {
        NONE,
        /** RealNVP's y = logit(alpha + (1 - 2 alpha) x). */
        LOGIT,
        /** y = (x - mean_c) / std_c per channel c. */
        NORMALIZE
    }
}
