package org.oodrunner.framework.run.stages;

import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.classification.Classification;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.Evaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a model that gives logits, how well they classify the labelled in-distribution test set:
 * accuracy, cross-entropy and calibration error ({@link Classification}), logged as
 * {@code <test set>/accuracy} etc. and written to results.json by the report. Reuses the logits
 * the scoring pass computed when a scorer asked for them; otherwise runs one pass for them with
 * the scoring pass's dequantisation noise.
 */
public final class ClassificationStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ClassificationStage.class);

    @Override
    public String name() {
        return "classification";
    }

    @Override
    public void run(RunContext ctx) {
        if (!ctx.plan().model().provides().contains(Quantity.LOGITS)) return;
        String label = ctx.testLabel();
        ImageSet test = ctx.evaluationSets().get(label);
        if (!test.hasLabels()) {
            LOG.info("{} has no labels: no accuracy or calibration for the classifier", label);
            return;
        }
        PerExample logits = ctx.quantities().getOrDefault(label, Map.of()).get(Quantity.LOGITS);
        if (logits == null) {
            logits = new Evaluator(ctx.runtime(), ctx.graph(), ctx.modelGraph())
                    .evaluate(test, Set.of(Quantity.LOGITS), ctx.preprocessing(), ctx.spec().eval().batchSize(),
                            scoringNoiseSeed(ctx, label), null)
                    .get(Quantity.LOGITS);
        }
        Classification c = Classification.of(logits, test.labels());
        ctx.classification().put(label, c);
        c.metrics().forEach((name, v) -> ctx.tracker().logMetric(label + "/" + name, v, ctx.trainedSteps()));
        LOG.info("classifier on {}: accuracy {}, cross-entropy {}, ECE {} ({} bins)", label, fmt(c.accuracy()),
                fmt(c.crossEntropy()), fmt(c.ece()), c.eceBins());
    }

    /** The seed ScoreStage gives the set's dequantisation noise, so the logits are the ones a scorer would see. */
    private static long scoringNoiseSeed(RunContext ctx, String label) {
        return ctx.spec().seed() + label.hashCode();
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }
}
