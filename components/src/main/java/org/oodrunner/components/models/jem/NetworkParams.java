package org.oodrunner.components.models.jem;

import java.util.List;
import org.oodrunner.framework.component.Param;

/** JEM's classifier: a Wide-ResNet without batch norm (the paper's) or a small convnet (for CPUs). */
public record NetworkParams(
        @Param(doc = "wide_resnet (Zagoruyko and Komodakis, no normalisation, as JEM) or convnet", value = "wide_resnet")
        Type type,
        @Param(doc = "wide_resnet: depth 6n+4 (n residual blocks per stage): 10, 16, 22, 28, ...", value = "28",
                min = 10) int depth,
        @Param(doc = "wide_resnet: channel multiplier k (stages of 16k, 32k, 64k channels)", value = "10", min = 1)
        int widenFactor,
        @Param(doc = "convnet: channels of each 3x3 convolution; the first keeps the resolution, each later one "
                + "halves it; a linear layer maps the flattened result to the logits", value = "[16, 32, 64]")
        List<Integer> channels,
        @Param(doc = "slope of the leaky ReLU for negative inputs", value = "0.2", min = 0, max = 1) double leak) {

    public NetworkParams {
        if (type == Type.WIDE_RESNET && (depth - 4) % 6 != 0) {
            throw new IllegalArgumentException("a wide_resnet's depth is 6n+4 (10, 16, 22, 28, ...), not " + depth);
        }
        if (channels == null || channels.isEmpty()) {
            throw new IllegalArgumentException("a convnet needs at least one entry in channels");
        }
        for (int c : channels) {
            if (c < 1) throw new IllegalArgumentException("channels must be positive, not " + c);
        }
        channels = List.copyOf(channels);
    }

    /** Residual blocks per stage of the wide_resnet. */
    public int blocksPerStage() {
        return (depth - 4) / 6;
    }

    public enum Type {
        WIDE_RESNET,
        CONVNET
    }
}
