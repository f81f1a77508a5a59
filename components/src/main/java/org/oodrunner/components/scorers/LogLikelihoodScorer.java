package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;

/** The model's log-likelihood log p(x) as the score: the baseline that fails in Nalisnick et al. */
public final class LogLikelihoodScorer implements Scorer {
    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public double[] score(ScoringInput input) {
        return input.get(Quantity.LOG_LIKELIHOOD).column().clone();
    }
}
