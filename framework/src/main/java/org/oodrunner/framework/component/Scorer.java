package org.oodrunner.framework.component;

import java.util.Set;

/**
 * Turns what a model computed into one OOD score per example, higher meaning "more
 * in-distribution".
 */
public interface Scorer {
    /** The model quantities this scorer reads. */
    Set<Quantity> requires();

    /** One score per example of {@code input.images()}. */
    double[] score(ScoringInput input);
}
