package org.oodrunner.components.models.flows.glow;

/** How the invertible 1x1 convolution's weight is parametrised. */
public enum InvertibleConvType {
    LU,
    PLAIN
}
