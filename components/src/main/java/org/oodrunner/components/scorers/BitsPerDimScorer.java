package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScorerPreparation;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.Preprocessing;

/**
 * Minus bits per dimension, (log p(x) - D log(levels)) / (D ln 2): the log-likelihood in the unit
 * papers report, negated so that higher is more in-distribution. It ranks exactly as
 * log-likelihood when all sets have the same D.
 */
public final class BitsPerDimScorer implements Scorer {
    private int levels;

    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public void prepare(ScorerPreparation preparation) {
        levels = preparation.levels();
    }

    @Override
    public double[] score(ScoringInput input) {
        if (levels == 0) throw new IllegalStateException("bits_per_dim scores only after prepare()");
        double[] ll = input.get(Quantity.LOG_LIKELIHOOD).column();
        int d = input.images().shape().dims();
        double[] out = new double[ll.length];
        for (int i = 0; i < ll.length; i++) out[i] = -Preprocessing.bitsPerDim(ll[i], d, levels);
        return out;
    }
}
