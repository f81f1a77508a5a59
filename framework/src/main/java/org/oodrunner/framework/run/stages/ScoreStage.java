package org.oodrunner.framework.run.stages;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.store.FaultPoint;
import org.oodrunner.framework.run.AuxiliaryModels;
import org.oodrunner.framework.run.PlannedScorer;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;

/**
 * Lets every scorer prepare (statistics of the training data, auxiliary models trained in the
 * run), runs the trained model once over every evaluation set, collecting what the scorers
 * need (plus log-likelihood for bits/dim when the model has it), then lets each scorer score.
 * Auxiliary models are released when scoring ends.
 */
public final class ScoreStage implements Stage {
    @Override
    public String name() {
        return "score";
    }

    @Override
    public void run(RunContext ctx) {
        Set<Quantity> needed = new LinkedHashSet<>(ctx.plan().requiredQuantities());
        if (ctx.plan().model().provides().contains(Quantity.LOG_LIKELIHOOD)) needed.add(Quantity.LOG_LIKELIHOOD);
        TrainedModel runModel = ctx.runModel();
        try (AuxiliaryModels auxiliary = new AuxiliaryModels(ctx)) {
            for (PlannedScorer s : ctx.plan().scorers()) {
                s.scorer().prepare(new Preparation(ctx, s.label(), runModel, auxiliary));
            }
            for (Map.Entry<String, ImageSet> e : ctx.evaluationSets().entrySet()) {
                ImageSet set = e.getValue();
                Map<Quantity, PerExample> q = runModel.evaluate(set, needed);
                ctx.quantities().put(e.getKey(), q);
                FaultPoint.reach("score", e.getKey());
                for (PlannedScorer s : ctx.plan().scorers()) {
                    double[] scores = s.scorer().score(new ScoringInput(set, q));
                    check(s, scores, set, e.getKey());
                    ctx.scores().computeIfAbsent(s.label(), k -> new LinkedHashMap<>()).put(e.getKey(), scores);
                }
            }
        }
    }

    private static void check(PlannedScorer s, double[] scores, ImageSet set, String label) {
        if (scores.length != set.size()) {
            throw new IllegalStateException("scorer " + s.label() + " gave " + scores.length + " scores for "
                    + set.size() + " examples");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new RunFailedException("scorer " + s.label() + " gave NaN for example " + i + " of " + label
                        + "; the model may have diverged");
            }
        }
    }

    /** What one scorer sees while it prepares. */
    private record Preparation(RunContext ctx, String label, TrainedModel runModel, AuxiliaryModels auxiliary)
            implements ScorerPreparation {
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
            return ctx.trainSet();
        }

        @Override
        public Optional<ImageSet> validationSet() {
            return ctx.validationSet();
        }

        @Override
        public TrainedModel trainAuxiliary(AuxiliaryTraining request) {
            return auxiliary.train(label, request);
        }
    }
}
