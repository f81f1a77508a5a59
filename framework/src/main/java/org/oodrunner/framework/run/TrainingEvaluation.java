package org.oodrunner.framework.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Subsets;
import org.oodrunner.framework.metrics.MetricValue;
import org.oodrunner.framework.metrics.ScoreComparison;
import org.oodrunner.framework.spec.model.EvalSpec;
import org.oodrunner.framework.tf.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the test set and every OOD set while the model trains ({@code eval.every}: before the
 * first step, every N steps and with the weights training ends with): the mean
 * bits/dim of each set ({@code eval/<set>/bits_per_dim}, when the model's likelihood is
 * normalised) and every metric of every scorer that trains no auxiliary model
 * ({@code eval/<scorer>/<ood>/<metric>}), logged with the training step, so the run's metric
 * histories show how detection evolves (Nalisnick et al. 2019 draw bits/dim of both sets over
 * training). Scorers that train auxiliary models (likelihood ratio, WAIC) are left out: each
 * evaluation would train them again.
 *
 * <p>With {@code eval.every_limit}, each set (and the training and validation sets a scorer prepares on) is a
 * fixed subset drawn once from the run's seed, so every evaluation sees the same examples with
 * the same dequantisation noise ({@link EvaluationNoise}) and successive values differ only
 * because the weights did. No bootstrap intervals: the final scoring has them.
 */
public final class TrainingEvaluation {
    /** The prefix of every key this logs. */
    public static final String PREFIX = "eval/";
    public static final String BITS_PER_DIM = "bits_per_dim";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingEvaluation.class);

    private final RunContext ctx;
    private final long every;
    private final List<PlannedScorer> scorers = new ArrayList<>();
    private final Map<String, ImageSet> sets = new LinkedHashMap<>();
    private final ImageSet trainingSet;
    private final Optional<ImageSet> validationSet;
    private final Set<Quantity> needed = new LinkedHashSet<>();
    private final boolean bitsPerDim;
    private final ScoreComparison comparison;
    private final TrainedModel model = new QuietModel();

    private TrainingEvaluation(RunContext ctx, long every) {
        this.ctx = ctx;
        this.every = every;
        EvalSpec eval = ctx.spec().eval();
        long seed = ctx.spec().seed();
        List<String> excluded = new ArrayList<>();
        for (PlannedScorer s : ctx.plan().scorers()) {
            if (s.scorer().trainsAuxiliaryModels()) {
                excluded.add(s.label());
            } else {
                scorers.add(s);
                needed.addAll(s.scorer().requires());
            }
        }
        if (!excluded.isEmpty()) {
            LOG.info("eval.every: {} left out of the evaluations while training (they train auxiliary models); "
                    + "they are scored after training", excluded);
        }
        bitsPerDim = ctx.modelGraph().outputs().containsKey(Quantity.LOG_LIKELIHOOD)
                && ctx.modelGraph().likelihoodNormalized();
        if (bitsPerDim) needed.add(Quantity.LOG_LIKELIHOOD);
        ctx.evaluationSets().forEach((label, set) -> sets.put(label, Subsets.limit(set, eval.everyLimit(), seed)));
        trainingSet = Subsets.limit(ctx.trainSet(), eval.everyLimit(), seed);
        validationSet = ctx.validationSet().map(v -> Subsets.limit(v, eval.everyLimit(), seed));
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (PlannedMetric m : ctx.plan().metrics()) metrics.put(m.name(), m.metric());
        comparison = new ScoreComparison(metrics, null);
    }

    /** The evaluation the spec asks for, or empty without {@code eval.every}. */
    public static Optional<TrainingEvaluation> of(RunContext ctx) {
        Integer every = ctx.spec().eval().every();
        return every == null ? Optional.empty() : Optional.of(new TrainingEvaluation(ctx, every));
    }

    /** Steps between evaluations. */
    public long every() {
        return every;
    }

    /** Evaluates the model as its weights are now and logs every value at {@code step}. */
    public void evaluate(long step) {
        Map<String, Map<Quantity, PerExample>> quantities = new LinkedHashMap<>();
        sets.forEach((label, set) -> quantities.put(label, model.evaluate(set, needed)));
        if (bitsPerDim) {
            quantities.forEach((label, q) -> ctx.tracker().logMetric(PREFIX + label + "/" + BITS_PER_DIM,
                    meanBitsPerDim(q.get(Quantity.LOG_LIKELIHOOD), sets.get(label).shape().dims()), step));
        }
        String test = ctx.testLabel();
        for (PlannedScorer s : scorers) {
            s.scorer().prepare(new Preparation(s.label()));
            double[] in = s.scorer().score(new ScoringInput(sets.get(test), quantities.get(test)));
            if (!finite(in, s, test, step)) continue;
            for (String ood : ctx.oodLabels()) {
                double[] out = s.scorer().score(new ScoringInput(sets.get(ood), quantities.get(ood)));
                if (!finite(out, s, ood, step)) continue;
                Map<String, MetricValue> values = comparison.compare(in, out);
                values.forEach((metric, v) -> ctx.tracker().logMetric(
                        PREFIX + s.label() + "/" + ood + "/" + metric, v.value(), step));
            }
        }
        LOG.info("step {}: scored {} while training", step, String.join(", ", sets.keySet()));
    }

    private double meanBitsPerDim(PerExample ll, int dims) {
        double sum = 0;
        for (int i = 0; i < ll.n(); i++) sum += ctx.preprocessing().bitsPerDim(ll.get(i), dims);
        return sum / ll.n();
    }

    /** Non-finite scores (weights on the way to diverging) give no metrics at this step; training decides. */
    private static boolean finite(double[] scores, PlannedScorer s, String set, long step) {
        for (double v : scores) {
            if (Double.isNaN(v)) {
                LOG.warn("step {}: scorer {} gave NaN on {}; no metrics of it at this step", step, s.label(), set);
                return false;
            }
        }
        return true;
    }

    /**
     * The run's model evaluated with the run's noise seeds, without touching the progress display
     * (training owns it meanwhile).
     */
    private final class QuietModel implements TrainedModel {
        @Override
        public Set<Quantity> provides() {
            return ctx.modelGraph().outputs().keySet();
        }

        @Override
        public Map<Quantity, PerExample> evaluate(ImageSet images, Set<Quantity> quantities) {
            return new Evaluator(ctx.runtime(), ctx.graph(), ctx.modelGraph()).evaluate(images, quantities,
                    ctx.preprocessing(), ctx.spec().eval().batchSize(),
                    EvaluationNoise.seed(ctx.spec().seed(), images.name()), null);
        }
    }

    /** What a scorer sees when it prepares for an evaluation while training. */
    private final class Preparation implements ScorerPreparation {
        private final String label;

        Preparation(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public long seed() {
            return ctx.spec().seed();
        }

        @Override
        public int levels() {
            return ctx.preprocessing().levels();
        }

        @Override
        public ImageSet trainingSet() {
            return trainingSet;
        }

        @Override
        public Optional<ImageSet> validationSet() {
            return validationSet;
        }

        @Override
        public TrainedModel runModel() {
            return model;
        }

        @Override
        public TrainedModel trainAuxiliary(AuxiliaryTraining request) {
            throw new IllegalStateException("scorer " + label + " trains an auxiliary model but does not say so "
                    + "(Scorer.trainsAuxiliaryModels)");
        }
    }
}
