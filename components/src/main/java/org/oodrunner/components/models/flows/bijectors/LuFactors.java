package org.oodrunner.components.models.flows.bijectors;

/**
 * A = P L U with partial pivoting: P a permutation, L unit lower triangular, U upper
 * triangular. The LU-parametrised 1x1 convolution starts from the factors of its initial
 * rotation.
 *
 * @param permutation P, row-major
 * @param lower L including its unit diagonal
 * @param upper U including its diagonal
 */
record LuFactors(double[][] permutation, double[][] lower, double[][] upper) {

    static LuFactors of(double[][] matrix) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) a[i] = matrix[i].clone();
        int[] rowOf = new int[n];
        for (int i = 0; i < n; i++) rowOf[i] = i;
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[pivot][k])) pivot = i;
            }
            if (a[pivot][k] == 0) throw new IllegalArgumentException("singular matrix");
            double[] row = a[k];
            a[k] = a[pivot];
            a[pivot] = row;
            int r = rowOf[k];
            rowOf[k] = rowOf[pivot];
            rowOf[pivot] = r;
            for (int i = k + 1; i < n; i++) {
                a[i][k] /= a[k][k];
                for (int j = k + 1; j < n; j++) a[i][j] -= a[i][k] * a[k][j];
            }
        }
        // The elimination factored the row-permuted matrix: row i of L U is row rowOf[i] of A,
        // so A = P L U with P[rowOf[i]][i] = 1.
        double[][] p = new double[n][n];
        double[][] l = new double[n][n];
        double[][] u = new double[n][n];
        for (int i = 0; i < n; i++) {
            p[rowOf[i]][i] = 1;
            for (int j = 0; j < n; j++) {
                if (j < i) l[i][j] = a[i][j];
                else u[i][j] = a[i][j];
            }
            l[i][i] = 1;
        }
        return new LuFactors(p, l, u);
    }
}
