package org.oodrunner.components.scorers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.component.TrainingOverrides;

/**
 * The Watanabe-Akaike information criterion over an ensemble (Choi et al. 2018):
 * WAIC(x) = E_k[log p_k(x)] - Var_k[log p_k(x)] over K models of the run's architecture that
 * differ only in their seed (initialisation and batch order). Inputs on which the members
 * disagree are penalised. Member 0 is the run's own model; the others are trained in the run.
 *
 * <p>Choi et al. define both terms as moments under the distribution over parameters, which the
 * ensemble stands for: E and Var are the mean and the variance of the K members, each weighing
 * 1/K (the population variance, divided by K, not K - 1). With K = 3 the sample variance would
 * weigh the penalty 1.5 times.
 */
public final class WaicScorer implements Scorer {
    private final WaicParams params;
    private final List<TrainedModel> members = new ArrayList<>();

    public WaicScorer(WaicParams params) {
        this.params = params;
    }

    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    /** The members' spread only means something when each member's log p is normalised. */
    @Override
    public boolean comparesModelsLikelihoods() {
        return true;
    }

    @Override
    public boolean trainsAuxiliaryModels() {
        return true;
    }

    @Override
    public void prepare(ScorerPreparation preparation) {
        members.clear();
        for (int k = 1; k < params.models(); k++) {
            members.add(preparation.trainAuxiliary(new AuxiliaryTraining("member_" + k, preparation.trainingSet(),
                    params.seedOffset() + k, new TrainingOverrides(params.steps(), params.epochs(), null))));
        }
    }

    @Override
    public double[] score(ScoringInput input) {
        if (members.size() != params.models() - 1) throw new IllegalStateException("waic scores only after prepare()");
        List<double[]> ll = new ArrayList<>();
        ll.add(input.get(Quantity.LOG_LIKELIHOOD).column());
        for (TrainedModel m : members) {
            ll.add(m.evaluate(input.images(), Set.of(Quantity.LOG_LIKELIHOOD)).get(Quantity.LOG_LIKELIHOOD).column());
        }
        return waic(ll);
    }

    /** Per example: the members' mean minus their (population) variance. */
    static double[] waic(List<double[]> logLikelihoods) {
        int k = logLikelihoods.size();
        int n = logLikelihoods.get(0).length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double mean = 0;
            for (double[] ll : logLikelihoods) mean += ll[i];
            mean /= k;
            double ss = 0;
            for (double[] ll : logLikelihoods) ss += (ll[i] - mean) * (ll[i] - mean);
            out[i] = mean - ss / k;
        }
        return out;
    }
}
