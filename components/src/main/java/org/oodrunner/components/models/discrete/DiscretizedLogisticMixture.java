package org.oodrunner.components.models.discrete;

import java.util.List;
import org.oodrunner.components.nn.LogSumExp;
import org.oodrunner.components.nn.LogSoftmax;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Split;
import org.tensorflow.types.TFloat32;

/**
 * A mixture of K logistics discretised to L levels (Salimans et al. 2017, PixelCNN++):
 * P = 3K parameters per sub-pixel, the mixture logits, the means (data scaled to [-1,1]) and
 * the log-scales. Level l is the bin [c - 1/L, c + 1/L] around its centre c; the first and last
 * bins reach to minus and plus infinity, so the L probabilities sum to exactly 1.
 * <p>
 * With a = (c + 1/L - mu)/s and b = (c - 1/L - mu)/s, a middle bin has
 * P = sigma(a) - sigma(b) = sigma(a) sigma(-b) (1 - exp(-(a - b))), and a - b = 2/(L s). In logs,
 * log sigma(a) + log sigma(-b) + log(-expm1(-2/(L s))): no difference of nearly equal numbers, so
 * no approximation is needed in the tails (PixelCNN++ switches to the density at the centre
 * there). Log-scales are clipped to [-7, 7]. Temperature scales the logistic noise when
 * sampling; the component is drawn from the mixture weights as they are.
 */
public final class DiscretizedLogisticMixture implements PixelDistribution {
    private static final float MIN_LOG_SCALE = -7f;
    private static final float MAX_LOG_SCALE = 7f;

    private final int levels;
    private final int components;

    public DiscretizedLogisticMixture(int levels, int components) {
        if (levels < 2) throw new IllegalArgumentException("a discretised logistic needs at least 2 levels");
        if (components < 1) throw new IllegalArgumentException("a mixture needs at least 1 component");
        this.levels = levels;
        this.components = components;
    }

    @Override
    public int paramsPerValue() {
        return 3 * components;
    }

    private record Parts(Operand<TFloat32> logits, Operand<TFloat32> means, Operand<TFloat32> logScales) {}

    private Parts split(Ops tf, Operand<TFloat32> params) {
        Split<TFloat32> parts = tf.split(tf.constant(-1), params, 3L);
        Operand<TFloat32> logScales = tf.clipByValue(parts.output().get(2), tf.constant(MIN_LOG_SCALE), tf.constant(MAX_LOG_SCALE));
        return new Parts(parts.output().get(0), parts.output().get(1), logScales);
    }

    @Override
    public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> params, Operand<TFloat32> level) {
        Parts p = split(tf, params);
        Operand<TFloat32> lvl = tf.expandDims(level, tf.constant(-1)); // broadcast over the K components
        Operand<TFloat32> centre = QuantisedInput.centresOf(tf, lvl, levels);
        Operand<TFloat32> invScale = tf.math.exp(tf.math.neg(p.logScales()));
        Operand<TFloat32> halfBin = tf.constant(1f / levels);
        Operand<TFloat32> upper = tf.math.mul(tf.math.sub(tf.math.add(centre, halfBin), p.means()), invScale);
        Operand<TFloat32> lower = tf.math.mul(tf.math.sub(tf.math.sub(centre, halfBin), p.means()), invScale);
        Operand<TFloat32> logSigmoidUpper = tf.math.neg(tf.math.softplus(tf.math.neg(upper)));
        Operand<TFloat32> logSigmoidMinusLower = tf.math.neg(tf.math.softplus(lower));
        Operand<TFloat32> width = tf.math.mul(invScale, tf.constant(2f / levels));
        Operand<TFloat32> logOneMinusExp = tf.math.log(tf.math.neg(tf.math.expm1(tf.math.neg(width))));
        // Indicators: the bin has an upper edge (l < L-1), a lower edge (l > 0), or both.
        Operand<TFloat32> hasUpper = tf.dtypes.cast(tf.math.less(lvl, tf.constant(levels - 1f)), TFloat32.class);
        Operand<TFloat32> hasLower = tf.dtypes.cast(tf.math.greater(lvl, tf.constant(0f)), TFloat32.class);
        Operand<TFloat32> perComponent = tf.math.addN(List.of(
                tf.math.mul(hasUpper, logSigmoidUpper),
                tf.math.mul(hasLower, logSigmoidMinusLower),
                tf.math.mul(tf.math.mul(hasUpper, hasLower), logOneMinusExp)));
        return LogSumExp.of(tf, tf.math.add(LogSoftmax.lastAxis(tf, p.logits()), perComponent), -1);
    }

    @Override
    public Operand<TFloat32> sample(Ops tf, Operand<TFloat32> params, Operand<TFloat32> temperature, OpSeeds seeds) {
        Parts p = split(tf, params);
        Operand<TFloat32> choice = tf.oneHot(
                tf.math.argMax(tf.math.add(p.logits(), PixelDistribution.gumbel(tf, tf.shape(p.logits()), seeds)), tf.constant(-1)),
                tf.constant(components), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> mean = tf.sum(tf.math.mul(choice, p.means()), tf.constant(-1));
        Operand<TFloat32> logScale = tf.sum(tf.math.mul(choice, p.logScales()), tf.constant(-1));
        Operand<TFloat32> u = PixelDistribution.openUniform(tf, tf.shape(mean), seeds);
        Operand<TFloat32> logistic = tf.math.sub(tf.math.log(u), tf.math.log1p(tf.math.neg(u)));
        Operand<TFloat32> x = tf.math.add(mean, tf.math.mul(tf.math.mul(tf.math.exp(logScale), temperature), logistic));
        // Bin l covers [2l/L - 1, 2(l+1)/L - 1); the outer bins take the tails.
        Operand<TFloat32> level = tf.math.floor(tf.math.mul(tf.math.add(x, tf.constant(1f)), tf.constant(levels / 2f)));
        return tf.clipByValue(level, tf.constant(0f), tf.constant(levels - 1f));
    }
}
