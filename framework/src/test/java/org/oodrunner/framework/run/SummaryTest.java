package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void meanStdAndInterpolatedQuantiles() {
        Summary s = Summary.of(new double[] {4, 1, 3, 2, 5});
        assertEquals(3.0, s.mean(), 1e-12);
        assertEquals(Math.sqrt(2.5), s.std(), 1e-12);
        assertEquals(3.0, s.median(), 1e-12);
        assertEquals(2.0, s.q25(), 1e-12);
        assertEquals(1.2, s.q05(), 1e-12);
        assertEquals(1.0, s.min(), 0);
        assertEquals(5.0, s.max(), 0);
    }
}
