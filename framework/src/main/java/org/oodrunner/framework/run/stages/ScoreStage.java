package org.oodrunner.framework.run.stages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.PlannedScorer;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.Evaluator;

/**
 * Runs the trained model once over every evaluation set, collecting what the scorers need
 * (plus log-likelihood for bits/dim when the model has it), then lets each scorer score.
 */
public final class ScoreStage implements Stage {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public void run(RunContext ctx) {
        Set<Quantity> needed = new java.util.LinkedHashSet<>(ctx.plan().requiredQuantities());
        if (ctx.plan().model().provides().contains(Quantity.LOG_LIKELIHOOD)) needed.add(Quantity.LOG_LIKELIHOOD);
        Evaluator evaluator = new Evaluator(ctx.runtime(), ctx.graph(), ctx.modelGraph());
        int batch = ctx.spec().eval().batchSize();
        for (Map.Entry<String, ImageSet> e : ctx.evaluationSets().entrySet()) {
            ImageSet set = e.getValue();
            long batches = (set.size() + batch - 1) / batch;
            ctx.progress().start("score " + e.getKey(), batches);
            long[] done = {0};
            Map<Quantity, PerExample> q;
            try {
                q = evaluator.evaluate(set, needed, ctx.preprocessing(), batch,
                        ctx.spec().seed() + e.getKey().hashCode(), () -> ctx.progress().update(++done[0], null));
            } finally {
                ctx.progress().finish();
            }
            ctx.quantities().put(e.getKey(), q);
            for (PlannedScorer s : ctx.plan().scorers()) {
                double[] scores = s.scorer().score(new ScoringInput(set, q));
                if (scores.length != set.size()) {
                    throw new IllegalStateException("scorer " + s.label() + " gave " + scores.length + " scores for "
                            + set.size() + " examples");
                }
                for (int i = 0; i < scores.length; i++) {
                    if (Double.isNaN(scores[i])) {
                        throw new RunFailedException("scorer " + s.label() + " gave NaN for example " + i + " of "
                                + e.getKey() + "; the model may have diverged");
                    }
                }
                ctx.scores().computeIfAbsent(s.label(), k -> new LinkedHashMap<>()).put(e.getKey(), scores);
            }
        }
    }
}
