package org.oodrunner.components.models.flows.bijectors;

import java.util.SplittableRandom;

/**
 * The initial weight of an invertible 1x1 convolution: a random orthogonal matrix (Glow), so
 * that the layer starts volume-preserving, log |det W| = 0. Computed in Java from a seed the
 * run's seed determines, by Gram-Schmidt on a standard normal matrix.
 */
final class RandomRotation {
    private RandomRotation() {}

    /** An n x n orthogonal matrix, row-major. */
    static double[][] of(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] columns = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) columns[j][i] = random.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            // Two passes of modified Gram-Schmidt: orthogonal to double precision even when
            // the random columns are nearly dependent.
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += columns[j][i] * columns[k][i];
                    for (int i = 0; i < n; i++) columns[j][i] -= dot * columns[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += columns[j][i] * columns[j][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) columns[j][i] /= norm;
        }
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) q[i][j] = columns[j][i];
        }
        return q;
    }
}
