package org.oodrunner.framework.analysis;

/**
 * Nalisnick et al. (2019, section 5): to second order around a common mean, the gap in expected
 * log-density between an OOD set q and the training distribution p* under a constant-volume
 * Glow is
 * <pre>
 *   E_q[log p(x)] - E_p*[log p(x)]  ~  1/(2 sigma^2) sum_c alpha_c^2 sum_{h,w} (var_p*[x_hwc] - var_q[x_hwc])
 * </pre>
 * with alpha_c = prod_k sum_j u_{k,c,j} from the 1x1 convolutions and sigma the latent scale.
 * The curvature of log p is negative, so the set with the smaller pixel variances gets the
 * higher expected log-density; with one channel the sign does not depend on alpha at all.
 *
 * @param alpha the alpha_c used
 * @param alphaFromModel false when the model offers no alpha and every alpha_c was taken as 1
 *     (exact for the sign when there is one channel)
 * @param varianceGap per channel, sum_{h,w}(var_p* - var_q)
 * @param predicted sigma^2 (E_q[log p] - E_p*[log p]), in nats; its sign is the prediction
 */
public record SecondMomentPrediction(String reference, String other, double[] alpha, boolean alphaFromModel,
        double[] varianceGap, double predicted) {

    /** +1: the other set is predicted to get the higher log-likelihood; -1: lower; 0: no difference. */
    public int sign() {
        return (int) Math.signum(predicted);
    }

    /**
     * @param reference p*, the in-distribution data
     * @param other q, an OOD set
     * @param alpha alpha_c per channel, or null for all ones
     */
    public static SecondMomentPrediction of(ChannelMoments reference, ChannelMoments other, double[] alpha) {
        int c = reference.channels();
        if (other.channels() != c) {
            throw new IllegalArgumentException(reference.dataset() + " has " + c + " channels but " + other.dataset()
                    + " has " + other.channels());
        }
        boolean fromModel = alpha != null;
        double[] a = fromModel ? alpha.clone() : ones(c);
        if (a.length != c) {
            throw new IllegalArgumentException("alpha has " + a.length + " values for " + c + " channels");
        }
        double[] gap = new double[c];
        double sum = 0;
        for (int ch = 0; ch < c; ch++) {
            gap[ch] = reference.pixelVarianceSum()[ch] - other.pixelVarianceSum()[ch];
            sum += a[ch] * a[ch] * gap[ch];
        }
        return new SecondMomentPrediction(reference.dataset(), other.dataset(), a, fromModel, gap, 0.5 * sum);
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }
}
