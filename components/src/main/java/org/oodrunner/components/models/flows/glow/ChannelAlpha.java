package org.oodrunner.components.models.flows.glow;

import java.util.List;
import org.oodrunner.components.models.flows.bijectors.ChannelLinear;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Nalisnick et al. (2019, section 5) predict the sign of E_q[log p] - E_p[log p] for a
 * constant-volume Glow from alpha_c = prod_k sum_j u_{k,c,j}, the row sums of the per-pixel
 * linear maps u_k of its steps (here ActNorm's diagonal and the 1x1 convolution, in the order
 * they are applied), multiplied over the steps.
 *
 * <p>Only the first level counts: its K steps see every pixel of the image, later levels only
 * what the factor-outs kept, and the paper's derivation has a single level. The first level
 * works on squeezed channels: squeezed channel j = (2 dy + dx) C + c holds image channel c at
 * one of the four offsets of each 2x2 block, so image channel c gets
 * alpha_c = sqrt(mean over its four squeezed channels of alpha_j^2): the prediction weighs
 * alpha_c^2, and the four offsets of a block have nearly the same pixel variance.
 */
final class ChannelAlpha {
    private ChannelAlpha() {}

    /**
     * @param firstLevel the first level's per-pixel linear layers, in the order they are applied
     * @param imageChannels C of the image (before the squeeze)
     * @return alpha_c, [C]
     */
    static Operand<TFloat32> of(Ops tf, List<ChannelLinear> firstLevel, int imageChannels) {
        if (firstLevel.isEmpty()) throw new IllegalArgumentException("a flow level without ActNorm or 1x1 convolutions");
        Operand<TFloat32> alpha = null;
        for (ChannelLinear layer : firstLevel) {
            Operand<TFloat32> rowSums = tf.sum(layer.channelMatrix(), tf.constant(1));
            alpha = alpha == null ? rowSums : tf.math.mul(alpha, rowSums);
        }
        // [4C] -> [4, C]: row = offset in the 2x2 block, column = image channel.
        Operand<TFloat32> byOffset = tf.reshape(tf.math.square(alpha), tf.constant(new long[] {4, imageChannels}));
        return tf.withName("channel_alpha").math.sqrt(tf.math.mean(byOffset, tf.constant(0)));
    }
}
