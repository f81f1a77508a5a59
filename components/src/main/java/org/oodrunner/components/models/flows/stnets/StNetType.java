package org.oodrunner.components.models.flows.stnets;

/** The architectures a spec can pick for the s/t networks. */
public enum StNetType {
    /** A 3x3 convolution in, residual blocks, a 3x3 convolution out (RealNVP). */
    RESNET,
    /** A plain stack of convolutions with ReLUs (Glow's uses one 1x1 hidden layer). */
    CONVNET,
    /** Dense layers with ReLUs on each position's channels: an MLP on vectors (flows on a classifier's features). */
    MLP
}
