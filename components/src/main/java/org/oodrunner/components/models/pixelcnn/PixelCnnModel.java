package org.oodrunner.components.models.pixelcnn;

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
import org.oodrunner.framework.tf.Sampler;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * PixelCNN: an exact autoregressive model of discrete pixels,
 * <pre>
 *   log P(levels) = sum over sub-pixels k, in raster order and R -> G -> B, of log P(x_k | x_&lt;k)
 * </pre>
 * with every conditional computed at once by masked convolutions ({@link CausalMask}). The
 * body is a {@link GatedStack} or a {@link ResidualStack}; the output per sub-pixel is a
 * softmax over the levels or a discretised logistic mixture. It reports the density of its
 * piecewise-constant extension over [0,1]^D, log P(levels) + D log(levels), so bits/dim comes
 * out of the framework's one formula. Sampling is ancestral: H*W*C evaluations, one
 * sub-pixel each ({@link Sampler#sequential}).
 */
public final class PixelCnnModel implements Model {
    private final PixelCnnParams params;

    public PixelCnnModel(PixelCnnParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public Optional<Incompatibility> checkData(ImageShape shape, int levels) {
        if (params.kernelSize() % 2 == 0) {
            return Optional.of(new Incompatibility("kernel_size", "kernel_size must be odd, not " + params.kernelSize()
                    + "; use " + (params.kernelSize() - 1) + " or " + (params.kernelSize() + 1)));
        }
        if (params.firstKernelSize() % 2 == 0) {
            return Optional.of(new Incompatibility("first_kernel_size", "first_kernel_size must be odd, not "
                    + params.firstKernelSize() + "; use " + (params.firstKernelSize() - 1) + " or "
                    + (params.firstKernelSize() + 1)));
        }
        return Optional.empty();
    }

    /** The pieces of the graph, kept for tests that look inside (causality, normalisation). */
    record Built(ModelGraph graph, Operand<TFloat32> logProbPerSubPixel) {}

    @Override
    public ModelGraph build(GraphContext g) {
        return buildParts(g).graph();
    }

    Built buildParts(GraphContext g) {
        LayerScope scope = LayerScope.of(g, "pixelcnn");
        Ops tf = scope.tf();
        ImageShape shape = g.shape();
        PixelDistribution distribution = likelihood().distribution(g.levels(), params.mixtureComponents());
        CausalStack stack = params.block() == PixelCnnParams.Block.GATED
                ? GatedStack.create(scope.sub("stack"), shape, params)
                : ResidualStack.create(scope.sub("stack"), shape, params);
        OutputHead head = OutputHead.create(scope.sub("head"), shape, params.width(), params.headWidth(),
                distribution.paramsPerValue());

        // A model of the discrete levels: it reads the fed [0,1] images, not the transformed input.
        QuantisedInput input = QuantisedInput.of(tf, g.feed(), g.levels());
        Operand<TFloat32> logProbs = tf.withName("log_prob_per_sub_pixel")
                .identity(distribution.logProb(tf, head.apply(stack.apply(input.centred())), input.levels()));
        Operand<TFloat32> logProbLevels = tf.sum(logProbs, tf.constant(new int[] {1, 2, 3}));
        Operand<TFloat32> logDensityOfFeed = tf.math.add(logProbLevels, tf.constant((float) (g.dims() * Math.log(g.levels()))));
        // The framework adds the input transform's log-Jacobian to a model's log-likelihood; this
        // density is already one of the fed images, so take it off here (zero for the identity).
        Operand<TFloat32> logLikelihood = tf.withName("log_likelihood").math.sub(logDensityOfFeed, g.inputLogDet());
        Operand<TFloat32> bitsPerDim = g.bitsPerDim(logLikelihood);
        Operand<TFloat32> loss = tf.withName("loss").math.mean(bitsPerDim, tf.constant(0));

        ModelGraph graph = ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, logLikelihood)
                .trainingMetric("bits_per_dim", loss)
                .sampler(sampler(g, scope.sub("sampler"), stack, head, distribution))
                .build();
        return new Built(graph, logProbs);
    }

    private PixelLikelihood likelihood() {
        return switch (params.output()) {
            case CATEGORICAL -> PixelLikelihood.CATEGORICAL;
            case DISCRETIZED_LOGISTIC -> PixelLikelihood.DISCRETIZED_LOGISTIC;
        };
    }

    /**
     * Ancestral sampling, one sub-pixel per evaluation: evaluation t runs the network on the
     * canvas, draws every sub-pixel from its conditional and keeps only sub-pixel t (in the
     * HWC order of the flattened image, which is the model's order). Sub-pixels after t are
     * still zero on the canvas, and the masks keep the network from looking at them.
     */
    private static Sampler sampler(GraphContext g, LayerScope scope, CausalStack stack, OutputHead head,
            PixelDistribution distribution) {
        Ops tf = scope.tf();
        ImageShape s = g.shape();
        Placeholder<TFloat32> canvas = tf.withName("canvas").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, s.height(), s.width(), s.channels())));
        Placeholder<TInt32> step = tf.withName("step").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
        Placeholder<TFloat32> temperature = tf.withName("temperature").placeholder(TFloat32.class,
                Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> current = g.inputTransform().inverse(tf, canvas);
        QuantisedInput input = QuantisedInput.of(tf, current, g.levels());
        Operand<TFloat32> drawn = distribution.sample(tf, head.apply(stack.apply(input.centred())), temperature, g.seeds());
        Operand<TFloat32> drawnValues = QuantisedInput.unitCentresOf(tf, drawn, g.levels());
        Operand<TFloat32> isStep = tf.reshape(tf.dtypes.cast(tf.math.equal(
                tf.range(tf.constant(0), tf.constant(s.dims()), tf.constant(1)), step), TFloat32.class),
                tf.constant(new int[] {1, s.height(), s.width(), s.channels()}));
        Operand<TFloat32> next = tf.math.add(current, tf.math.mul(isStep, tf.math.sub(drawnValues, current)));
        Operand<TFloat32> nextInModelSpace = g.inputTransform().forward(tf, next).output();
        return Sampler.sequential(canvas, step, s.dims(), temperature, tf.withName("samples").identity(nextInModelSpace));
    }
}
