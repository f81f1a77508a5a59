package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;

/** max_y p(y|x) from logits whose softmax is known. */
class MaxSoftmaxScorerTest {
    @Test
    void theLargestSoftmaxProbabilityOfEachExample() {
        double[] logits = {
            Math.log(0.7), Math.log(0.2), Math.log(0.1),
            Math.log(0.1), Math.log(0.1), Math.log(0.8),
            0, 0, 0,
            1000, 999, -1000};
        ImageShape shape = new ImageShape(1, 1, 1);
        ImageSet images = new ImageSet("x", shape, new byte[4][1], null, 0);
        MaxSoftmaxScorer scorer = new MaxSoftmaxScorer();
        assertEquals(Set.of(Quantity.LOGITS), scorer.requires());
        double[] scores = scorer.score(new ScoringInput(images, Map.of(Quantity.LOGITS, new PerExample(4, 3, logits))));
        double e = Math.exp(-1);
        assertArrayEquals(new double[] {0.7, 0.8, 1.0 / 3, 1 / (1 + e)}, scores, 1e-12);
    }
}
