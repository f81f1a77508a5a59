package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
    @Test
    void trainingBatchesCoverEachEpochOnceAndReshuffleEachEpoch() {
        BatchPlan plan = BatchPlan.training(10, 3, 42);
        assertEquals(3, plan.batchesPerEpoch());
        Set<Integer> epoch0 = new HashSet<>();
        for (int k = 0; k < 3; k++) for (int i : plan.indices(k)) assertEquals(true, epoch0.add(i));
        assertEquals(9, epoch0.size());
        int[] e0 = concat(plan, 0);
        int[] e1 = concat(plan, 3);
        assertFalse(Arrays.equals(e0, e1));
    }

    @Test
    void batchKIsAPureFunctionOfSeedAndK() {
        BatchPlan a = BatchPlan.training(100, 8, 7);
        BatchPlan b = BatchPlan.training(100, 8, 7);
        for (int k = 40; k >= 0; k -= 3) assertArrayEquals(a.indices(k), b.indices(k)); // any order of access
        assertEquals(a.noise(5).nextLong(), b.noise(5).nextLong());
        assertFalse(Arrays.equals(a.indices(0), BatchPlan.training(100, 8, 8).indices(0)));
    }

    @Test
    void evaluationBatchesAreInOrderWithAShortTail() {
        BatchPlan plan = BatchPlan.evaluation(10, 4, 0);
        assertEquals(3, plan.batchesPerEpoch());
        assertArrayEquals(new int[] {8, 9}, plan.indices(2));
    }

    private static int[] concat(BatchPlan plan, int from) {
        int[] out = new int[9];
        for (int k = 0; k < 3; k++) System.arraycopy(plan.indices(from + k), 0, out, k * 3, 3);
        return out;
    }
}
