package org.oodrunner.components.models.pixelcnn;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The body of a PixelCNN: images scaled to [-1,1], [batch, H, W, C], to feature maps
 * [batch, H, W, width] in which feature j belongs to channel group j mod C (see
 * {@link CausalMask}): it depends on earlier pixels and on the channels before its group only.
 */
interface CausalStack {
    Operand<TFloat32> apply(Operand<TFloat32> images);
}
