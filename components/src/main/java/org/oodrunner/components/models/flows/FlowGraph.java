package org.oodrunner.components.models.flows;

import java.util.Set;
import org.oodrunner.components.models.flows.bijectors.DataInit;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.Sampler;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What every flow offers the framework, from its {@link MultiScaleFlow}: log p(x) and its two
 * parts per example, the loss (mean bits/dim), the data-dependent initialisation, a sampler and
 * the latents per level (for the latent figure).
 */
public final class FlowGraph {
    /** The quantities every flow provides. */
    public static final Set<Quantity> PROVIDES = Set.of(Quantity.LOG_LIKELIHOOD, Quantity.LATENT_TERM,
            Quantity.VOLUME_TERM);

    private FlowGraph() {}

    /** @param tf the model's scope */
    public static ModelGraph build(GraphContext g, Ops tf, MultiScaleFlow flow) {
        MultiScaleFlow.Encoding z = flow.encode(g.images());
        Operand<TFloat32> latent = tf.withName("latent_term").identity(z.latentLogProb());
        Operand<TFloat32> volume = tf.withName("volume_term").identity(z.logDet());
        Operand<TFloat32> logLikelihood = tf.withName("log_likelihood").math.add(latent, volume);
        Operand<TFloat32> loss = tf.withName("loss").math.mean(g.bitsPerDim(logLikelihood), tf.constant(0));
        ModelGraph.Builder graph = ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, logLikelihood)
                .output(Quantity.LATENT_TERM, latent)
                .output(Quantity.VOLUME_TERM, volume)
                .trainingMetric("bits_per_dim", loss)
                .latents(z.latents());

        Ops initScope = tf.withSubScope("init");
        DataInit init = new DataInit();
        flow.initialize(g.images(), init);
        init.asOp(initScope).ifPresent(graph::initOp);

        Ops sampling = tf.withSubScope("sample");
        Placeholder<TInt32> count = sampling.withName("count").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> temperature = sampling.withName("temperature").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> samples = sampling.withName("samples").identity(flow.sample(count, temperature, g.seeds()));
        return graph.sampler(new Sampler(count, temperature, samples)).build();
    }
}
