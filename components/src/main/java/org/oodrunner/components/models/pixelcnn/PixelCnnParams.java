package org.oodrunner.components.models.pixelcnn;

import org.oodrunner.framework.component.Param;

/** Parameters of the PixelCNN. */
public record PixelCnnParams(
        @Param(doc = "block type: gated (Gated PixelCNN: vertical and horizontal stacks, no blind spot) or residual "
                + "(PixelCNN residual blocks on one masked stack; has the original's blind spot)", value = "gated")
        Block block,
        @Param(doc = "number of blocks after the first (mask A) layer: the network's depth", value = "6", min = 0, max = 100)
        int blocks,
        @Param(doc = "feature maps per layer: the network's width", value = "64", min = 1, max = 4096) int width,
        @Param(doc = "kernel size of the blocks' masked convolutions (odd)", value = "3", min = 3, max = 15) int kernelSize,
        @Param(doc = "kernel size of the first (mask A) layer (odd)", value = "7", min = 3, max = 15) int firstKernelSize,
        @Param(doc = "feature maps of the 1x1 output layer before the per-sub-pixel parameters", value = "128", min = 1,
                max = 8192)
        int headWidth,
        @Param(doc = "per-sub-pixel output: categorical (a softmax over the 2^bits levels) or discretized_logistic "
                + "(a mixture of discretised logistics, PixelCNN++)", value = "categorical")
        Output output,
        @Param(doc = "mixture components of the discretized_logistic output", value = "5", min = 1, max = 100)
        int mixtureComponents) {

    public enum Block {
        GATED,
        RESIDUAL
    }

    public enum Output {
        CATEGORICAL,
        DISCRETIZED_LOGISTIC
    }
}
