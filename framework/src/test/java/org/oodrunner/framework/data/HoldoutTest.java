package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.errors.RunFailedException;

class HoldoutTest {
    /** 100 one-value images whose value is their index, so parts can be traced back. */
    static ImageSet numbered() {
        byte[][] images = new byte[100][];
        for (int i = 0; i < 100; i++) images[i] = new byte[] {(byte) i};
        return new ImageSet("numbers/train", new ImageShape(1, 1, 1), images, null, 0);
    }

    static int[] values(ImageSet s) {
        int[] v = new int[s.size()];
        for (int i = 0; i < v.length; i++) v[i] = s.images()[i][0];
        return v;
    }

    @Test
    void splitsIntoDisjointOrderedPartsThatCoverTheSet() {
        Holdout.Split split = Holdout.split(numbered(), 0.2, 5);
        assertEquals(20, split.validation().size());
        assertEquals(80, split.train().size());
        Set<Integer> all = new HashSet<>();
        for (int v : values(split.train())) all.add(v);
        for (int v : values(split.validation())) all.add(v);
        assertEquals(100, all.size());
        int[] t = values(split.train());
        for (int i = 1; i < t.length; i++) assertEquals(true, t[i - 1] < t[i]);
        assertEquals("numbers/train[validation]", split.validation().name());
    }

    @Test
    void theSameSeedHoldsOutTheSameExamplesAndAnotherSeedOthers() {
        assertArrayEquals(values(Holdout.split(numbered(), 10.0, 5).validation()),
                values(Holdout.split(numbered(), 10.0, 5).validation()));
        assertNotEquals(java.util.Arrays.toString(values(Holdout.split(numbered(), 10.0, 5).validation())),
                java.util.Arrays.toString(values(Holdout.split(numbered(), 10.0, 6).validation())));
    }

    @Test
    void aSizeThatLeavesNothingToTrainOnIsRefused() {
        assertThrows(RunFailedException.class, () -> Holdout.split(numbered(), 100.0, 0));
        assertThrows(RunFailedException.class, () -> Holdout.split(numbered(), 0.001, 0));
    }
}
