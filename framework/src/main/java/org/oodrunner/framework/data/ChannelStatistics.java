package org.oodrunner.framework.data;

/**
 * Per-channel mean and standard deviation of a set's images as the model is fed them
 * (dequantised, in [0,1]), computed exactly from the level histograms: the mean of the bin
 * centres, and their variance plus the uniform noise's 1/(12 levels^2) when noise is added.
 */
public record ChannelStatistics(double[] mean, double[] std) {
    public static ChannelStatistics of(ImageSet set, Preprocessing preprocessing) {
        int c = set.shape().channels();
        long[][] histogram = new long[c][256];
        for (byte[] image : set.images()) {
            for (int i = 0; i < image.length; i++) histogram[i % c][image[i] & 0xFF]++;
        }
        int levels = preprocessing.levels();
        double[] mean = new double[c];
        double[] std = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double n = 0;
            double sum = 0;
            double sumSq = 0;
            for (int b = 0; b < 256; b++) {
                long k = histogram[ch][b];
                if (k == 0) continue;
                double v = (preprocessing.level(b) + 0.5) / levels;
                n += k;
                sum += k * v;
                sumSq += k * v * v;
            }
            mean[ch] = sum / n;
            double var = Math.max(0, sumSq / n - mean[ch] * mean[ch]);
            if (preprocessing.addsNoise()) var += 1.0 / (12.0 * levels * levels);
            std[ch] = Math.sqrt(var);
        }
        return new ChannelStatistics(mean, std);
    }
}
