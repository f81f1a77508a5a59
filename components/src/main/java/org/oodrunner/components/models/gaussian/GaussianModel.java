package org.oodrunner.components.models.gaussian;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The simplest density model: every value (pixel and channel) independent, with its own
 * location and scale, Gaussian or logistic:
 * <pre>
 *   log p(x) = sum_d log f((x_d - mu_d) / s_d) - log s_d
 * </pre>
 * Exact log-likelihood, trained by maximum likelihood. It already prefers MNIST to the
 * Fashion-MNIST it was trained on, which is the phenomenon in its plainest form.
 */
public final class GaussianModel implements Model {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private final GaussianParams params;

    public GaussianModel(GaussianParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public ModelGraph build(GraphContext g) {
        Ops tf = g.tf().withSubScope("gaussian");
        var shape = g.shape();
        long[] dims = {shape.height(), shape.width(), shape.channels()};
        Initializers init = new Initializers(tf, g.seeds());
        Variable<TFloat32> loc = g.parameters().create(tf, "loc", init.constant(0.5f, dims));
        Variable<TFloat32> logScale = g.parameters().create(tf, "log_scale",
                init.constant((float) Math.log(params.initialScale()), dims));
        Operand<TFloat32> z = tf.math.mul(tf.math.sub(g.images(), loc), tf.math.exp(tf.math.neg(logScale)));
        Operand<TFloat32> perValue = switch (params.distribution()) {
            // log N(z) - log s = -z^2/2 - log sqrt(2 pi) - log s
            case GAUSSIAN -> tf.math.sub(tf.math.mul(tf.constant(-0.5f), tf.math.square(z)),
                    tf.math.add(logScale, tf.constant((float) HALF_LOG_2PI)));
            // log logistic(z) - log s = -z - 2 softplus(-z) - log s
            case LOGISTIC -> tf.math.sub(tf.math.sub(tf.math.neg(z),
                    tf.math.mul(tf.constant(2f), tf.math.softplus(tf.math.neg(z)))), logScale);
        };
        Operand<TFloat32> logLikelihood = tf.withName("log_likelihood").sum(perValue, tf.constant(new int[] {1, 2, 3}));
        Operand<TFloat32> bpd = g.bitsPerDim(logLikelihood);
        Operand<TFloat32> loss = tf.withName("loss").math.mean(bpd, tf.constant(0));
        return ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, logLikelihood)
                .trainingMetric("bits_per_dim", loss)
                .build();
    }
}
