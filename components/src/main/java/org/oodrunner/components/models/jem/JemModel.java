package org.oodrunner.components.models.jem;

import java.util.List;
import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * JEM (Grathwohl et al. 2020): a classifier f whose logits also define an energy-based model,
 * <pre>
 *   p(y|x) = softmax(f(x))[y],   p(x) = exp(logsumexp_y f(x)[y]) / Z.
 * </pre>
 * Training minimises the cross-entropy of p(y|x) plus {@code px_weight} times -log p(x) of the
 * batch, whose gradient is E_model[d logsumexp f] - E_data[d logsumexp f]: the model's
 * expectation is estimated on SGLD samples ({@link Sgld}) started from a replay buffer
 * ({@link ReplayBuffer}), so the loss is
 * <pre>
 *   cross_entropy + px_weight * (mean logsumexp f(x_sgld) - mean logsumexp f(x_data)).
 * </pre>
 * Inputs get Gaussian noise ({@code input_noise}) in training and, by default, when evaluated.
 *
 * <p>Outputs: {@link Quantity#LOGITS} f(x), and {@link Quantity#LOG_LIKELIHOOD} logsumexp f(x),
 * which is log p(x) + log Z with log Z unknown: it ranks examples (the paper's log p(x) score)
 * but has no absolute value, so the graph declares it unnormalised and the framework computes
 * no bits/dim from it.
 *
 * <p>The buffer and the step counter that seeds the SGLD noise are graph variables updated with
 * every training step ({@link ModelGraph#stepUpdates()}); checkpoints hold them, so resuming is
 * exact. The mean log-sum-exp of the data and of the samples are bounded
 * ({@code energy_limit}): an exploding energy, JEM's known failure, is a divergence that the
 * trainer's guard stops or restarts ({@code train.on_divergence}). {@code energy_penalty} adds
 * alpha * (mean logsumexp f(x_data)^2 + mean logsumexp f(x_sgld)^2) to the loss (Du and Mordatch
 * 2019), which keeps the energies from running away in the first place.
 */
public final class JemModel implements Model {
    private final JemParams params;

    public JemModel(JemParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOGITS, Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public boolean trainsOnLabels() {
        return true;
    }

    /** log p(x) = logsumexp f(x) - log Z with log Z unknown (and different for every trained network). */
    @Override
    public boolean normalizedLikelihood() {
        return false;
    }

    @Override
    public ModelGraph build(GraphContext g) {
        if (g.numClasses() < 1) throw new IllegalStateException("JEM needs labelled training data (the planner checks this)");
        Ops tf = g.tf().withSubScope("jem");
        OpSeeds seeds = g.seeds();
        Network f = Network.create(tf.withSubScope("network"), g, params.network());
        float inputNoise = (float) params.inputNoise();
        boolean sampling = params.pxWeight() > 0;

        Ops eval = tf.withSubScope("eval");
        Operand<TFloat32> evalInput = params.evalInputNoise() && inputNoise > 0
                ? withNoise(eval, g.images(), inputNoise, StepSeeds.fixed(eval, g.evaluationSeeds()))
                : g.images();
        // Named, so a flow on features (data.features, output jem/eval/features) can read them from the export.
        Operand<TFloat32> features = eval.withName("features").identity(f.features(eval, evalInput));
        Operand<TFloat32> logits = eval.withName("logits").identity(f.head(eval, features));
        Operand<TFloat32> logPx = eval.withName("unnormalized_log_px").identity(logSumExp(eval, logits));

        StepSeeds stepSeeds = sampling || inputNoise > 0 ? new StepSeeds(tf.withSubScope("step_seeds"), seeds) : null;
        Ops train = tf.withSubScope("train");
        Operand<TFloat32> trainInput = inputNoise > 0 ? withNoise(train, g.images(), inputNoise, stepSeeds.next()) : g.images();
        Operand<TFloat32> trainLogits = f.logits(train, trainInput);
        Operand<TFloat32> oneHot = train.oneHot(g.labels(), train.constant(g.numClasses()), train.constant(1f),
                train.constant(0f));
        Operand<TFloat32> crossEntropy = train.withName("cross_entropy").math.mean(
                train.nn.softmaxCrossEntropyWithLogits(trainLogits, oneHot).loss(), train.constant(0));
        Operand<TFloat32> accuracy = train.withName("accuracy").math.mean(train.dtypes.cast(train.math.equal(
                train.math.argMax(trainLogits, train.constant(1), TInt32.class), g.labels()), TFloat32.class),
                train.constant(0));
        Operand<TFloat32> lseDataPerExample = logSumExp(train, trainLogits);
        Operand<TFloat32> lseData = train.withName("logsumexp_data").math.mean(lseDataPerExample, train.constant(0));

        ModelGraph.Builder graph = ModelGraph.builder()
                .output(Quantity.LOGITS, logits)
                .output(Quantity.LOG_LIKELIHOOD, logPx)
                .unnormalizedLikelihood()
                .trainingMetric("cross_entropy", crossEntropy)
                .trainingMetric("accuracy", accuracy)
                .trainingMetric("logsumexp_data", lseData)
                .bound("the data's mean log-sum-exp of logits (model.energy_limit)", lseData, params.energyLimit());
        Operand<TFloat32> loss = crossEntropy;
        if (sampling) {
            SgldParams sp = params.sgld();
            ReplayBuffer buffer = new ReplayBuffer(tf.withSubScope("replay_buffer"), g, sp, seeds);
            Ops sgld = tf.withSubScope("sgld");
            Operand<TInt32> batch = sgld.reshape(sgld.slice(sgld.shape(g.images()), sgld.constant(new int[] {0}),
                    sgld.constant(new int[] {1})), sgld.constant(new int[0]));
            Operand<TInt32> count = sgld.math.minimum(batch, sgld.constant(sp.bufferSize()));
            ReplayBuffer.Draw draw = buffer.draw(sgld, count, stepSeeds);
            Operand<TFloat32> samples = Sgld.chain(sgld, x -> logSumExp(sgld, f.logits(sgld, x)), draw.starts(),
                    sp.steps(), (float) sp.stepSize(), (float) sp.noise(), stepSeeds::next);
            // The samples stand for the model's distribution: no gradient flows back through the chain.
            Operand<TFloat32> fixed = train.stopGradient(samples);
            Operand<TFloat32> lseSamplesPerExample = logSumExp(train, f.logits(train, fixed));
            Operand<TFloat32> lseSamples = train.withName("logsumexp_samples").math.mean(lseSamplesPerExample,
                    train.constant(0));
            loss = train.math.add(crossEntropy, train.math.mul(train.constant((float) params.pxWeight()),
                    train.math.sub(lseSamples, lseData)));
            if (params.energyPenalty() > 0) {
                // Per example, not of the means: a batch whose energies cancel in the mean is still penalised.
                Operand<TFloat32> penalty = train.withName("energy_penalty").math.add(
                        train.math.mean(train.math.square(lseDataPerExample), train.constant(0)),
                        train.math.mean(train.math.square(lseSamplesPerExample), train.constant(0)));
                loss = train.math.add(loss, train.math.mul(train.constant((float) params.energyPenalty()), penalty));
                graph.trainingMetric("energy_penalty", penalty);
            }
            graph.trainingMetric("logsumexp_samples", lseSamples)
                    .trainingMetric("sgld_reinitialised", train.math.mean(draw.reinitialised(), train.constant(0)))
                    .bound("the SGLD samples' mean log-sum-exp of logits (model.energy_limit; a smaller "
                            + "model.sgld.step_size may keep it down)", lseSamples, params.energyLimit())
                    .stepUpdate(buffer.write(train, draw, samples));
        }
        loss = train.withName("loss").identity(loss);
        if (stepSeeds != null) graph.stepUpdate(stepSeeds.advance(loss));
        return graph.loss(loss).build();
    }

    /** Per example, logsumexp_y logits[y] ([n] from [n, classes]), shifted by the row's maximum for stability. */
    static Operand<TFloat32> logSumExp(Ops tf, Operand<TFloat32> logits) {
        Operand<TInt32> classes = tf.constant(1);
        Operand<TFloat32> max = tf.stopGradient(tf.max(logits, classes, Max.keepDims(true)));
        Operand<TFloat32> sum = tf.sum(tf.math.exp(tf.math.sub(logits, max)), classes);
        return tf.math.add(tf.math.log(sum), tf.squeeze(max, Squeeze.axis(List.of(1L))));
    }

    private static Operand<TFloat32> withNoise(Ops tf, Operand<TFloat32> x, float std, Operand<TInt64> seed) {
        // The noise's shape comes from x, so a gradient with respect to the input (gradient_norm)
        // would walk into the random op, which has no gradient: the noise is a constant to it.
        Operand<TFloat32> eps = tf.stopGradient(tf.random.statelessRandomNormal(tf.shape(x), seed));
        return tf.math.add(x, tf.math.mul(tf.constant(std), eps));
    }
}
