package org.oodrunner.components.scorers;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;

/**
 * JEM's approximate mass (Grathwohl et al. 2020): -||d log p(x) / dx||. A point in a flat region
 * of the density (small gradient) sits in a region of high probability mass. The gradient is
 * taken in the graph by the framework for any model that provides log p(x), with x the fed
 * image in [0,1]; a model's own input scaling changes the norm by a constant factor only.
 *
 * <p>A model of discrete pixels has no d log p / dx: PixelCNN's is a straight-through estimate
 * (its quantised input passes the gradient through the rounding, {@code QuantisedInput}), i.e.
 * how its log-likelihood responds to each input value, not the gradient of a continuous
 * density. The VAE's graph cannot differentiate its estimate, and the planner refuses it there.
 */
public final class GradientNormScorer implements Scorer {
    @Override
    public Set<Quantity> requires() {
        return Set.of(Quantity.INPUT_GRADIENT_NORM);
    }

    @Override
    public double[] score(ScoringInput input) {
        double[] norm = input.get(Quantity.INPUT_GRADIENT_NORM).column();
        double[] out = new double[norm.length];
        for (int i = 0; i < norm.length; i++) out[i] = -norm[i];
        return out;
    }
}
