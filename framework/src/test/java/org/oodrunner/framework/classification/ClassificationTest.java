package org.oodrunner.framework.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.PerExample;

/** Accuracy, cross-entropy and ECE on logits whose softmax is known. */
class ClassificationTest {
    /** Logits [log p_0, log p_1, ...] so that softmax gives exactly the probabilities. */
    private static double[] logitsOf(double... probabilities) {
        double[] l = new double[probabilities.length];
        for (int i = 0; i < l.length; i++) l[i] = Math.log(probabilities[i]);
        return l;
    }

    private static PerExample rows(double[]... rows) {
        int width = rows[0].length;
        double[] v = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, v, i * width, width);
        return new PerExample(rows.length, width, v);
    }

    @Test
    void accuracyCrossEntropyAndCalibrationOfKnownProbabilities() {
        // Confidences 0.9, 0.9, 0.65, 0.65 (bins (13/15, 14/15] and (9/15, 10/15]); predictions 0, 0, 1, 2.
        PerExample logits = rows(
                logitsOf(0.9, 0.05, 0.05),
                logitsOf(0.9, 0.05, 0.05),
                logitsOf(0.25, 0.65, 0.1),
                logitsOf(0.2, 0.15, 0.65));
        int[] labels = {0, 1, 1, 0};
        Classification c = Classification.of(logits, labels);
        assertEquals(4, c.n());
        assertEquals(0.5, c.accuracy(), 1e-12);
        double ce = -(Math.log(0.9) + Math.log(0.05) + Math.log(0.65) + Math.log(0.2)) / 4;
        assertEquals(ce, c.crossEntropy(), 1e-9);
        // Bin of 0.9: 2 examples, accuracy 1/2, confidence 0.9. Bin of 0.65: accuracy 1/2, confidence 0.65.
        double ece = 2.0 / 4 * Math.abs(0.5 - 0.9) + 2.0 / 4 * Math.abs(0.5 - 0.65);
        assertEquals(ece, c.ece(), 1e-9);
        assertEquals(15, c.eceBins());
    }

    @Test
    void aPerfectlyCalibratedClassifierHasNoCalibrationError() {
        // Ten examples at confidence 0.8 (one bin), eight of them right.
        double[][] r = new double[10][];
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            r[i] = logitsOf(0.8, 0.2);
            labels[i] = i < 8 ? 0 : 1;
        }
        Classification c = Classification.of(rows(r), labels);
        assertEquals(0.8, c.accuracy(), 1e-12);
        assertEquals(0, c.ece(), 1e-12);
    }

    @Test
    void largeLogitsDoNotOverflowAndAddingAConstantChangesNothing() {
        PerExample small = rows(new double[] {1, 2, 3}, new double[] {0.5, -1, 0});
        PerExample shifted = rows(new double[] {1001, 1002, 1003}, new double[] {1000.5, 999, 1000});
        int[] labels = {2, 1};
        Classification a = Classification.of(small, labels);
        Classification b = Classification.of(shifted, labels);
        assertEquals(a.accuracy(), b.accuracy(), 0);
        assertEquals(a.crossEntropy(), b.crossEntropy(), 1e-9);
        assertEquals(a.ece(), b.ece(), 1e-12);
    }

    @Test
    void aLabelOutsideTheLogitsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classification.of(rows(new double[] {0, 1}), new int[] {2}));
        assertEquals("label 2 of example 0 is not one of the 2 classes the logits score", e.getMessage());
    }
}
