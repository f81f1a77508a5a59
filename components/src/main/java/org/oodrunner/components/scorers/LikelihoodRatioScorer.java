package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.component.TrainingOverrides;

/**
 * The likelihood ratio of Ren et al. (2019): log p_theta(x) - log p_theta0(x), where theta0 is a
 * background model of the same architecture trained, within the run, on the training set with a
 * fraction mu of its values replaced by uniform noise. What both models explain (background
 * statistics) cancels; what only the in-distribution model explains (semantics) remains.
 *
 * <p>Differences from the paper: the noised copy is drawn once, not afresh each epoch, and the
 * background model's regulariser is the optimiser's decoupled weight decay ({@code weight_decay},
 * the run's when not given), not an L2 term in its loss.
 */
public final class LikelihoodRatioScorer implements Scorer {
    private final LikelihoodRatioParams params;
    private TrainedModel background;

    public LikelihoodRatioScorer(LikelihoodRatioParams params) {
        this.params = params;
    }

    @Override
    public boolean readsPixels() {
        return true;
    }

    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public boolean trainsAuxiliaryModels() {
        return true;
    }

    @Override
    public void prepare(ScorerPreparation preparation) {
        long seed = preparation.seed() + params.seedOffset();
        var noisy = BackgroundNoise.perturb(preparation.trainingSet(), params.mu(), seed);
        background = preparation.trainAuxiliary(new AuxiliaryTraining("background", noisy, params.seedOffset(),
                new TrainingOverrides(params.steps(), params.epochs(), params.weightDecay())));
    }

    @Override
    public double[] score(ScoringInput input) {
        if (background == null) throw new IllegalStateException("likelihood_ratio scores only after prepare()");
        double[] ll = input.get(Quantity.LOG_LIKELIHOOD).column();
        double[] ll0 = background.evaluate(input.images(), Set.of(Quantity.LOG_LIKELIHOOD)).get(Quantity.LOG_LIKELIHOOD)
                .column();
        double[] out = new double[ll.length];
        for (int i = 0; i < ll.length; i++) out[i] = ll[i] - ll0[i];
        return out;
    }
}
