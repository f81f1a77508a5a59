package org.oodrunner.components.models.flows.glow;

import org.oodrunner.components.models.flows.bijectors.ScaleFunction;

/** Everything that shapes a Glow, whichever spec component ({@code glow}, {@code cv_glow}) described it. */
record GlowDesign(int levels, int steps, int hiddenChannels, CouplingType coupling, ScaleFunction scaleFunction,
        InvertibleConvType invertibleConv, boolean learnTop, float actnormScale) {}
