package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;

/**
 * The classifier's confidence, max_y p(y|x) = max_y softmax(f(x))[y] (Hendrycks and Gimpel 2017;
 * JEM's "max p(y|x)" score). Computed from the logits as 1 / sum_y exp(f(x)[y] - max f(x)),
 * which no logit size can overflow.
 */
public final class MaxSoftmaxScorer implements Scorer {
    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOGITS);
    }

    @Override
    public double[] score(ScoringInput input) {
        PerExample logits = input.get(Quantity.LOGITS);
        double[] scores = new double[logits.n()];
        for (int i = 0; i < scores.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < logits.width(); c++) max = Math.max(max, logits.get(i, c));
            double sum = 0;
            for (int c = 0; c < logits.width(); c++) sum += Math.exp(logits.get(i, c) - max);
            scores[i] = 1 / sum;
        }
        return scores;
    }
}
