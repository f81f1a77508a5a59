package org.oodrunner.components.models.vae;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.components.models.discrete.PixelDistribution;
import org.oodrunner.components.models.discrete.PixelLikelihood;
import org.oodrunner.components.models.discrete.QuantisedInput;
import org.oodrunner.components.nn.LayerScope;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Sampler;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A convolutional variational autoencoder (Kingma and Welling 2014) over discrete pixels:
 * prior p(z) = N(0, I) in d dimensions, posterior q(z|x) a diagonal Gaussian ({@link Encoder}),
 * decoder p(x|z) independent per sub-pixel ({@link Decoder}) with a categorical, discretised
 * logistic or (binary data only) Bernoulli likelihood over the levels.
 * <p>
 * Training maximises the ELBO with one reparameterised sample and the closed-form KL. Scoring
 * draws k = {@code importance_samples} latents per example and reports
 * <ul>
 *   <li>{@code log_likelihood}: the importance-weighted estimate IWAE_k ({@link Bounds}), a
 *       stochastic lower bound on log P(levels) that tightens as k grows, so the bits/dim
 *       reported from it is an upper bound on the model's own;</li>
 *   <li>{@code elbo}: the ELBO averaged over the same k samples (IWAE_k >= ELBO for every
 *       example).</li>
 * </ul>
 * Both follow the discrete-model convention: log P(levels) + D log(levels), a density over the
 * dequantised [0,1]^D images.
 */
public final class VaeModel implements Model {
    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

    private final VaeParams params;

    public VaeModel(VaeParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOG_LIKELIHOOD, Quantity.ELBO);
    }

    @Override
    public Map<Quantity, String> underivable() {
        return Map.of(Quantity.INPUT_GRADIENT_NORM, "its log-likelihood estimate draws latent samples whose shape "
                + "comes from the input, and TensorFlow cannot differentiate through that random op, so d log p / dx "
                + "cannot be built; use another scorer for the VAE");
    }

    @Override
    public Optional<Incompatibility> checkData(ImageShape shape, int levels) {
        if (params.likelihood() == PixelLikelihood.BERNOULLI && levels != 2) {
            return Optional.of(new Incompatibility("likelihood", "a bernoulli likelihood models binary pixels, but the data "
                    + "has " + levels + " levels per value, so its bits/dim would not describe the data; set "
                    + "data.preprocess.bits: 1, or use likelihood: categorical or discretized_logistic"));
        }
        List<Integer> widths = params.channels();
        if (widths.isEmpty() || widths.stream().anyMatch(w -> w == null || w < 1)) {
            return Optional.of(new Incompatibility("channels", "channels must list at least one positive width, e.g. [32, 64]"));
        }
        int factor = 1 << widths.size();
        if (shape.height() % factor != 0 || shape.width() % factor != 0) {
            return Optional.of(new Incompatibility("channels", widths.size() + " stride-2 layers need height and width "
                    + "divisible by " + factor + ", but the images are " + shape + "; list fewer channels"));
        }
        return Optional.empty();
    }

    @Override
    public ModelGraph build(GraphContext g) {
        LayerScope scope = LayerScope.of(g, "vae");
        Ops tf = scope.tf();
        ImageShape shape = g.shape();
        int d = params.latentDim();
        int k = params.importanceSamples();
        PixelDistribution likelihood = params.likelihood().distribution(g.levels(), params.mixtureComponents());
        Encoder encoder = Encoder.create(scope.sub("encoder"), shape, params);
        Decoder decoder = Decoder.create(scope.sub("decoder"), shape, params, likelihood.paramsPerValue());

        // A model of the discrete levels: it reads the fed [0,1] images, not the transformed input.
        QuantisedInput input = QuantisedInput.of(tf, g.feed(), g.levels());
        Encoder.Posterior q = encoder.apply(input.centred());
        Operand<TFloat32> logVolume = tf.constant((float) (g.dims() * Math.log(g.levels())));

        // Training: one reparameterised sample, KL(q || p) in closed form.
        Operand<TInt32> batch = batchSize(tf, g);
        Operand<TFloat32> eps = normal(tf, tf.concat(List.of(batch, tf.constant(new int[] {d})), tf.constant(0)), g.seeds());
        Operand<TFloat32> z = tf.math.add(q.mean(), tf.math.mul(q.std(), eps));
        Operand<TFloat32> reconstruction = logProbOfLevels(tf, likelihood, decoder.apply(z), input.levels());
        Operand<TFloat32> kl = tf.sum(tf.math.sub(tf.math.mul(tf.constant(0.5f),
                tf.math.sub(tf.math.add(tf.math.square(q.mean()), tf.math.square(q.std())), tf.constant(1f))), q.logStd()),
                tf.constant(1));
        Operand<TFloat32> trainingElbo = tf.math.sub(reconstruction, kl);
        // bitsPerDim adds the input transform's log-Jacobian: this ELBO is one of the fed images already.
        Operand<TFloat32> bitsPerDim = g.bitsPerDim(tf.math.sub(tf.math.add(trainingElbo, logVolume), g.inputLogDet()));
        Operand<TFloat32> loss = tf.withName("loss").math.mean(bitsPerDim, tf.constant(0));

        // Scoring: k samples per example, decoded as one batch of batch * k.
        Operand<TInt32> sampleShape = tf.concat(List.of(
                batch, tf.constant(new int[] {k, d})), tf.constant(0));
        Operand<TFloat32> epsK = normal(tf, sampleShape, g.seeds());
        Operand<TFloat32> zK = tf.math.add(tf.expandDims(q.mean(), tf.constant(1)),
                tf.math.mul(tf.expandDims(q.std(), tf.constant(1)), epsK));
        Operand<TFloat32> levelsK = tf.reshape(tf.tile(tf.expandDims(input.levels(), tf.constant(1)),
                tf.constant(new int[] {1, k, 1, 1, 1})), tf.constant(new int[] {-1, shape.height(), shape.width(), shape.channels()}));
        Operand<TFloat32> logPxGivenZ = tf.reshape(logProbOfLevels(tf, likelihood,
                decoder.apply(tf.reshape(zK, tf.constant(new int[] {-1, d}))), levelsK), tf.constant(new int[] {-1, k}));
        Operand<TFloat32> logPrior = tf.math.neg(tf.sum(tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(zK)),
                tf.constant(HALF_LOG_2PI)), tf.constant(2)));
        Operand<TFloat32> logPosterior = tf.math.neg(tf.sum(tf.math.add(tf.math.add(
                tf.math.mul(tf.constant(0.5f), tf.math.square(epsK)), tf.expandDims(q.logStd(), tf.constant(1))),
                tf.constant(HALF_LOG_2PI)), tf.constant(2)));
        Bounds bounds = Bounds.of(tf, tf.math.sub(tf.math.add(logPxGivenZ, logPrior), logPosterior), k);
        // The framework adds the input transform's log-Jacobian to log_likelihood, so take it off
        // here (zero for the identity); the ELBO is reported as a density of the fed images.
        Operand<TFloat32> logLikelihood = tf.withName("log_likelihood").math.sub(
                tf.math.add(bounds.importanceWeighted(), logVolume), g.inputLogDet());
        Operand<TFloat32> elbo = tf.withName("elbo").math.add(bounds.elbo(), logVolume);

        return ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, logLikelihood)
                .output(Quantity.ELBO, elbo)
                .trainingMetric("bits_per_dim", loss)
                .trainingMetric("kl", tf.math.mean(kl, tf.constant(0)))
                .sampler(sampler(g, scope.sub("sampler"), decoder, likelihood))
                .build();
    }

    /** log P(levels | parameters) per example: the sum over sub-pixels. */
    private static Operand<TFloat32> logProbOfLevels(Ops tf, PixelDistribution likelihood, Operand<TFloat32> params,
            Operand<TFloat32> levels) {
        return tf.sum(likelihood.logProb(tf, params, levels), tf.constant(new int[] {1, 2, 3}));
    }

    /**
     * The batch size, [1], read from the fed images. Not from anything computed from the
     * variables: TensorFlow's gradient builder would then walk from the variables through the
     * shape into the random op that uses it, which has no gradient, and fail (a StopGradient
     * does not prevent that). The same walk makes gradients of this model's outputs with respect
     * to the input images unavailable.
     */
    private static Operand<TInt32> batchSize(Ops tf, GraphContext g) {
        return tf.slice(tf.shape(g.feed()), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    }

    private static Operand<TFloat32> normal(Ops tf, Operand<TInt32> shape, OpSeeds seeds) {
        long s = seeds.next();
        return tf.random.randomStandardNormal(shape, TFloat32.class, RandomStandardNormal.seed(s),
                RandomStandardNormal.seed2(s >>> 7 | 1));
    }

    /** Ancestral: z ~ N(0, T^2 I), then every sub-pixel from p(x|z). */
    private Sampler sampler(GraphContext g, LayerScope scope, Decoder decoder, PixelDistribution likelihood) {
        Ops tf = scope.tf();
        Placeholder<TInt32> count = tf.withName("count").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> temperature = tf.withName("temperature").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        Operand<TInt32> shape = tf.stack(List.of(count, tf.constant(params.latentDim())));
        Operand<TFloat32> z = tf.math.mul(normal(tf, shape, g.seeds()), temperature);
        Operand<TFloat32> levels = likelihood.sample(tf, decoder.apply(z), tf.constant(1f), g.seeds());
        Operand<TFloat32> images = QuantisedInput.unitCentresOf(tf, levels, g.levels());
        return new Sampler(count, temperature, tf.withName("samples").identity(g.inputTransform().forward(tf, images).output()));
    }
}
