package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubsetsTest {
    private static ImageSet set(int n) {
        byte[][] images = new byte[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            images[i][0] = (byte) i;
            labels[i] = i % 3;
        }
        return new ImageSet("s", new ImageShape(1, 1, 1), images, labels, 3);
    }

    @Test
    void classFilterKeepsOnlyThoseLabelsInOrder() {
        ImageSet only = Subsets.classes(set(9), List.of(1));
        assertArrayEquals(new int[] {1, 1, 1}, only.labels());
        assertEquals(4, only.images()[1][0]);
    }

    @Test
    void limitByCountAndFractionIsSeededAndKeepsFileOrder() {
        ImageSet a = Subsets.limit(set(100), 10.0, 3);
        ImageSet b = Subsets.limit(set(100), 10.0, 3);
        ImageSet c = Subsets.limit(set(100), 10.0, 4);
        assertEquals(10, a.size());
        for (int i = 0; i < 10; i++) assertEquals(a.images()[i][0], b.images()[i][0]);
        boolean differs = false;
        for (int i = 0; i < 10; i++) differs |= a.images()[i][0] != c.images()[i][0];
        assertTrue(differs);
        for (int i = 1; i < 10; i++) assertTrue((a.images()[i][0] & 0xFF) > (a.images()[i - 1][0] & 0xFF));
        assertEquals(25, Subsets.limit(set(100), 0.25, 0).size());
    }

    @Test
    void aLimitAtOrAboveTheSizeKeepsTheSet() {
        ImageSet s = set(5);
        assertSame(s, Subsets.limit(s, 5.0, 0));
        assertSame(s, Subsets.limit(s, null, 0));
    }
}
