package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;

/**
 * A per-example model quantity taken as the score as it is: log p(x) (the baseline that fails
 * in Nalisnick et al.), or for flows one of its two parts, the latent term log p_z(f(x)) or the
 * volume term log |det df/dx|.
 */
public final class QuantityScorer implements Scorer {
    private final Quantity quantity;

    public QuantityScorer(Quantity quantity) {
        this.quantity = quantity;
    }

    @Override
    public Set<Quantity> requires() {
        return Set.of(quantity);
    }

    @Override
    public double[] score(ScoringInput input) {
        return input.get(quantity).column().clone();
    }
}
