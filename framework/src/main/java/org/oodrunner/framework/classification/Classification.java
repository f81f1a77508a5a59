package org.oodrunner.framework.classification;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oodrunner.framework.component.PerExample;

/**
 * How well a classifier's logits predict the labels of a labelled set: accuracy, the mean
 * cross-entropy of the true class (nats), and the expected calibration error (Guo et al. 2017):
 * examples binned by confidence (their largest softmax probability) into {@link #ECE_BINS} equal
 * bins of (0, 1], ECE = sum over bins of (bin size / n) |accuracy in bin - mean confidence in bin|.
 *
 * @param n labelled examples
 * @param eceBins the number of confidence bins of {@code ece}
 */
public record Classification(int n, double accuracy, double crossEntropy, double ece, int eceBins) {
    /** The bins of Guo et al.'s reliability diagrams. */
    public static final int ECE_BINS = 15;

    /** Names under which training logs the values, and results.json holds them. */
    public static final String ACCURACY = "accuracy";
    public static final String CROSS_ENTROPY = "cross_entropy";
    public static final String ECE = "ece";

    /**
     * @param logits one row of class scores per example (softmax gives p(y|x))
     * @param labels the true class of each example, in {@code [0, logits.width())}
     */
    public static Classification of(PerExample logits, int[] labels) {
        int n = logits.n();
        int classes = logits.width();
        if (labels.length != n) throw new IllegalArgumentException(n + " rows of logits but " + labels.length + " labels");
        if (n == 0) throw new IllegalArgumentException("no examples to classify");
        double[] binConfidence = new double[ECE_BINS];
        double[] binCorrect = new double[ECE_BINS];
        int[] binCount = new int[ECE_BINS];
        long correct = 0;
        double crossEntropy = 0;
        for (int i = 0; i < n; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " of example " + i + " is not one of the " + classes
                        + " classes the logits score");
            }
            int best = 0;
            double max = logits.get(i, 0);
            for (int c = 1; c < classes; c++) {
                double v = logits.get(i, c);
                if (v > max) {
                    max = v;
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.exp(logits.get(i, c) - max);
            double logSum = Math.log(sum);
            // max softmax probability = exp(max - logsumexp) = 1 / sum
            double confidence = 1 / sum;
            boolean hit = best == y;
            if (hit) correct++;
            crossEntropy += logSum - (logits.get(i, y) - max);
            int bin = Math.min(ECE_BINS - 1, Math.max(0, (int) Math.ceil(confidence * ECE_BINS) - 1));
            binCount[bin]++;
            binConfidence[bin] += confidence;
            if (hit) binCorrect[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binCount[b] > 0) ece += Math.abs(binCorrect[b] - binConfidence[b]) / n;
        }
        return new Classification(n, (double) correct / n, crossEntropy / n, ece, ECE_BINS);
    }

    /** cross_entropy, accuracy and ece by name. */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(CROSS_ENTROPY, crossEntropy);
        m.put(ACCURACY, accuracy);
        m.put(ECE, ece);
        return m;
    }
}
