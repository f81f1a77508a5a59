package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.PreprocessSpec;

class BatchStreamTest {
    private static ImageSet images(int n) {
        Random r = new Random(5);
        byte[][] imgs = new byte[n][12];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            r.nextBytes(imgs[i]);
            labels[i] = i % 4;
        }
        return new ImageSet("s", new ImageShape(2, 2, 3), imgs, labels, 4);
    }

    @Test
    void anyNumberOfWorkersGivesThePlansBatchesInOrder() {
        ImageSet data = images(50);
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults().withAugmentation(true, 1));
        BatchPlan plan = BatchPlan.training(data.size(), 8, 3);
        BatchAssembler reference = new BatchAssembler(data, plan, pre);
        for (int workers : new int[] {1, 3}) {
            // From batch 5 on, across several epochs (6 batches each), as a resumed run would.
            try (BatchStream stream = new BatchStream(data, plan, pre, 5, 20, 4, workers)) {
                for (long k = 5; k < 25; k++) {
                    Batch b = stream.next();
                    Batch expected = reference.assemble(k);
                    assertEquals(k, b.first());
                    assertArrayEquals(expected.images(), b.images(), "batch " + k + " with " + workers + " workers");
                    assertArrayEquals(expected.labels(), b.labels());
                }
                assertFalse(stream.hasNext());
            }
        }
    }

    @Test
    void recycledArraysAreReusedAndEveryBatchIsStillTheAssemblersOwn() {
        ImageSet data = images(202);
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults());
        BatchPlan plan = BatchPlan.evaluation(data.size(), 8, 3);
        BatchAssembler reference = new BatchAssembler(data, plan, pre);
        for (int workers : new int[] {1, 3}) {
            java.util.Set<float[]> arrays = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            try (BatchStream stream = new BatchStream(data, plan, pre, 0, plan.batchesPerEpoch(), 2, workers)) {
                for (long k = 0; stream.hasNext(); k++) {
                    Batch b = stream.next();
                    assertArrayEquals(reference.assemble(k).images(), b.images(), "batch " + k + " with " + workers + " workers");
                    arrays.add(b.images());
                    stream.recycle(b);
                }
            }
            // 26 batches (the last one short): at most one array per batch in flight, plus the short one.
            assertTrue(arrays.size() <= 2 + workers * 2 + 1,
                    arrays.size() + " arrays for " + plan.batchesPerEpoch() + " batches with " + workers + " workers");
        }
    }

    @Test
    void aFailureInAWorkerReachesTheConsumer() {
        ImageSet data = images(10);
        BatchPlan plan = BatchPlan.evaluation(20, 4, 0);
        try (BatchStream stream = new BatchStream(data, plan, new Preprocessing(PreprocessSpec.defaults()), 0, 5, 2, 2)) {
            stream.next();
            stream.next();
            assertThrows(ArrayIndexOutOfBoundsException.class, () -> {
                while (stream.hasNext()) stream.next();
            });
        }
    }
}
