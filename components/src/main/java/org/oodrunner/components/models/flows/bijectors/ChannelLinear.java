package org.oodrunner.components.models.flows.bijectors;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A bijector that maps each pixel's channel vector by the same affine map y = M x + b (ActNorm,
 * the invertible 1x1 convolutions). Its matrix is what the second-moment analysis of Nalisnick
 * et al. (2019) reads: for a flow of such layers and additive couplings the Hessian of log p
 * is governed by the products of these matrices.
 */
public interface ChannelLinear extends Bijector {
    /** M, [C, C], from the current variables (no feed needed). */
    Operand<TFloat32> channelMatrix();
}
