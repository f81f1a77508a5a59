package org.oodrunner.components.models.vae;

import org.oodrunner.components.nn.LogSumExp;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The two estimates of log p(x) from k importance weights log w_i = log p(x, z_i) - log q(z_i|x),
 * z_i ~ q(z|x) (Burda et al. 2016):
 * <pre>
 *   ELBO     = (1/k) sum_i log w_i
 *   IWAE_k   = log (1/k) sum_i w_i
 * </pre>
 * On the same samples IWAE_k >= ELBO (Jensen), E[IWAE_k] rises with k towards log p(x), and
 * E[exp(IWAE_k)] = p(x) for every k: exp of the estimate is unbiased, its log is a lower bound
 * on average.
 *
 * @param importanceWeighted IWAE_k per example, [batch]
 * @param elbo the ELBO per example, [batch]
 */
record Bounds(Operand<TFloat32> importanceWeighted, Operand<TFloat32> elbo) {

    /** From log weights [batch, k]. */
    static Bounds of(Ops tf, Operand<TFloat32> logWeights, int k) {
        Operand<TFloat32> iwae = tf.math.sub(LogSumExp.of(tf, logWeights, 1), tf.constant((float) Math.log(k)));
        Operand<TFloat32> elbo = tf.math.mean(logWeights, tf.constant(1));
        return new Bounds(iwae, elbo);
    }
}
