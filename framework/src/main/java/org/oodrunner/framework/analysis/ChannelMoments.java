package org.oodrunner.framework.analysis;

import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;

/**
 * First and second moments of a dataset per channel, on the scale the model sees (bin centres
 * in [0,1]; dequantisation noise would add the same 1/(12 levels^2) to every variance).
 *
 * @param mean per channel, over all examples and pixels
 * @param variance per channel, over all examples and pixels
 * @param pixelVarianceSum per channel c, sum over (h, w) of the variance of x_{h,w,c} across
 *     examples: the quantity of Nalisnick et al.'s second-order expression
 */
public record ChannelMoments(String dataset, int n, double[] mean, double[] variance, double[] pixelVarianceSum) {

    public int channels() {
        return mean.length;
    }

    public static ChannelMoments of(ImageSet set, Preprocessing preprocessing) {
        int n = set.size();
        if (n < 2) throw new IllegalArgumentException(set.name() + ": moments need at least 2 images, got " + n);
        int c = set.shape().channels();
        int d = set.shape().dims();
        double[] value = new double[256];
        for (int b = 0; b < 256; b++) value[b] = (preprocessing.level(b) + 0.5) / preprocessing.levels();
        // Sums shifted by the first image's values: exact zeros for constant pixels, no cancellation.
        byte[] first = set.images()[0];
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        for (byte[] img : set.images()) {
            for (int i = 0; i < d; i++) {
                double x = value[img[i] & 0xFF] - value[first[i] & 0xFF];
                sum[i] += x;
                sumSq[i] += x * x;
            }
        }
        double[] mean = new double[c];
        double[] pixelVarianceSum = new double[c];
        double[] meanOfSquares = new double[c];
        int pixels = d / c;
        for (int i = 0; i < d; i++) {
            int ch = i % c;
            double shift = value[first[i] & 0xFF];
            double m = sum[i] / n;
            double var = Math.max(0, (sumSq[i] - n * m * m) / (n - 1));
            pixelVarianceSum[ch] += var;
            double pixelMean = shift + m;
            mean[ch] += pixelMean / pixels;
            // E[x^2] of this pixel, population form, for the pooled variance below.
            double popVar = Math.max(0, sumSq[i] / n - m * m);
            meanOfSquares[ch] += (popVar + pixelMean * pixelMean) / pixels;
        }
        double[] variance = new double[c];
        long count = (long) n * pixels;
        for (int ch = 0; ch < c; ch++) {
            double pop = Math.max(0, meanOfSquares[ch] - mean[ch] * mean[ch]);
            variance[ch] = pop * count / (count - 1);
        }
        return new ChannelMoments(set.name(), n, mean, variance, pixelVarianceSum);
    }
}
