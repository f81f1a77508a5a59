package org.oodrunner.components.models.flows.stnets;

import org.oodrunner.framework.component.Param;

/** The s/t network of every coupling layer of a flow: a part chosen in the spec. */
public record StNetParams(
        @Param(doc = "resnet (3x3 conv, residual blocks, 3x3 conv), convnet (a plain stack of convolutions) or mlp "
                + "(dense layers on each position's channels: an MLP on feature vectors)",
                value = "resnet") StNetType type,
        @Param(doc = "channels of the hidden layers", value = "64", min = 1) int hiddenChannels,
        @Param(doc = "residual blocks (resnet) or hidden layers after the first (convnet, mlp)", value = "2", min = 0)
        int blocks,
        @Param(doc = "kernel size of the hidden convolutions inside the blocks (odd; Glow uses 1)", value = "3", min = 1)
        int kernelSize,
        @Param(doc = "squeeze the features to this many channels (or units) in the middle of the network, "
                + "autoencoder-style (Kirichenko et al. 2020); null: no bottleneck", value = "null", min = 1)
        Integer bottleneck,
        @Param(doc = "channels: a 1x1 convolution to N channels at every pixel; dense: N units for the whole "
                + "feature map", value = "channels") BottleneckType bottleneckType) {}
