package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.Dequantization;

class AugmentationTest {
    private static final ImageShape SHAPE = new ImageShape(3, 4, 2);

    private static byte[] image() {
        byte[] b = new byte[SHAPE.dims()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i + 1);
        return b;
    }

    private static int at(byte[] img, int y, int x, int c) {
        return img[(y * SHAPE.width() + x) * SHAPE.channels() + c];
    }

    @Test
    void everyOutcomeIsAShiftedPossiblyMirroredCopyWithBlackOutside() {
        Augmentation aug = new Augmentation(true, 1);
        byte[] src = image();
        SplittableRandom r = new SplittableRandom(3);
        int mirrored = 0;
        int shifted = 0;
        for (int trial = 0; trial < 200; trial++) {
            byte[] out = aug.apply(src, SHAPE, new byte[src.length], r);
            // Find the transform that explains the output.
            boolean explained = false;
            for (int m = 0; m < 2 && !explained; m++) {
                for (int dy = -1; dy <= 1 && !explained; dy++) {
                    for (int dx = -1; dx <= 1 && !explained; dx++) {
                        boolean ok = true;
                        for (int y = 0; y < 3 && ok; y++) {
                            for (int x = 0; x < 4 && ok; x++) {
                                int sy = y + dy;
                                int sx = (m == 1 ? 3 - x : x) + dx;
                                for (int c = 0; c < 2; c++) {
                                    int want = sy < 0 || sy >= 3 || sx < 0 || sx >= 4 ? 0 : at(src, sy, sx, c);
                                    ok &= at(out, y, x, c) == want;
                                }
                            }
                        }
                        if (ok) {
                            explained = true;
                            if (m == 1) mirrored++;
                            if (dy != 0 || dx != 0) shifted++;
                        }
                    }
                }
            }
            assertTrue(explained, "trial " + trial + " is no flip/crop of the image");
        }
        assertTrue(mirrored > 60 && mirrored < 140, "flips: " + mirrored);
        assertTrue(shifted > 120, "shifts: " + shifted);
    }

    @Test
    void noAugmentationLeavesTheImageItself() {
        byte[] src = image();
        assertSame(src, Augmentation.NONE.apply(src, SHAPE, new byte[src.length], new SplittableRandom(1)));
        assertTrue(Augmentation.NONE.isNone());
    }

    @Test
    void onlyTrainingBatchesAreAugmentedAndBatchKIsAlwaysTheSame() {
        int n = 16;
        byte[][] images = new byte[n][];
        for (int i = 0; i < n; i++) images[i] = image();
        ImageSet set = new ImageSet("s", SHAPE, images, null, 0);
        PreprocessSpec spec = PreprocessSpec.defaults().withQuantization(8, Dequantization.NONE).withAugmentation(true, 0);
        Preprocessing pre = new Preprocessing(spec);
        Preprocessing plain = new Preprocessing(PreprocessSpec.defaults().withQuantization(8, Dequantization.NONE));

        BatchPlan training = BatchPlan.training(n, 8, 5);
        Batch a = new BatchAssembler(set, training, pre).assemble(3);
        Batch b = new BatchAssembler(set, training, pre).assemble(3);
        assertArrayEquals(a.images(), b.images(), "batch 3 must not depend on who builds it, or when");
        Batch unaugmented = new BatchAssembler(set, training, plain).assemble(3);
        int differing = 0;
        for (int i = 0; i < 8; i++) {
            float[] one = java.util.Arrays.copyOfRange(a.images(), i * SHAPE.dims(), (i + 1) * SHAPE.dims());
            float[] ref = java.util.Arrays.copyOfRange(unaugmented.images(), i * SHAPE.dims(), (i + 1) * SHAPE.dims());
            if (!java.util.Arrays.equals(one, ref)) differing++;
        }
        assertTrue(differing > 0 && differing < 8, "about half the images are flipped, got " + differing);

        BatchPlan evaluation = BatchPlan.evaluation(n, 8, 5);
        assertFalse(evaluation.isTraining());
        assertArrayEquals(new BatchAssembler(set, evaluation, plain).assemble(1).images(),
                new BatchAssembler(set, evaluation, pre).assemble(1).images(), "evaluation batches are never augmented");
        assertEquals(8, a.size());
    }
}
