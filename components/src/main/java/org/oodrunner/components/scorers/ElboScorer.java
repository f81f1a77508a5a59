package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;

/** The evidence lower bound of a latent-variable model (a VAE) as the score: the bound most VAE OOD papers use. */
public final class ElboScorer implements Scorer {
    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.ELBO);
    }

    @Override
    public double[] score(ScoringInput input) {
        return input.get(Quantity.ELBO).column().clone();
    }
}
