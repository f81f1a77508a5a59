package org.oodrunner.framework.component;

import java.util.List;

/**
 * A scorer that also decides about whole batches of M examples at once (the typicality test of
 * Nalisnick et al. 2019b). The framework reports its results next to the per-example metrics.
 */
public interface BatchTest {
    /**
     * Tests disjoint batches of the in-distribution test set and of one OOD set, for each batch
     * size the scorer was configured with.
     *
     * @param seed for drawing the batches
     */
    List<BatchTestResult> test(ScoringInput inDistribution, ScoringInput ood, long seed);
}
