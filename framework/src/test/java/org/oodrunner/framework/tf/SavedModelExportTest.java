package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.types.TFloat32;

/** The exported SavedModel answers log_prob as the training session does. */
class SavedModelExportTest {
    @Test
    void theLogProbSignatureGivesTheSessionsLogLikelihood(@TempDir Path tmp) {
        Path dir = tmp.resolve("saved_model");
        int n = 5;
        long[] shape = {n, 4, 4, 1};
        float[] images = new float[n * 16];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < images.length; i++) images[i] = (float) r.nextDouble();

        float[] inSession;
        try (TestGraph g = TestGraph.build(new TinyDensity(), TrainerTest.SHAPE, 1)) {
            new Trainer(g.runtime(), g.context(), g.model(), TrainerTest.spec(5, TrainerTest.adam(0.05), null, 0, null,
                    DivergenceSpec.STOP)).train(TrainerTest.TRAIN, TestGraph.PREPROCESSING, 1, (s, t, m) -> { });
            inSession = g.read(g.model().output(Quantity.LOG_LIKELIHOOD), images, shape);
            SavedModelExport.export(g.runtime(), g.context(), g.model(), dir);
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), SavedModelExport.TAG)) {
            SessionFunction logProb = bundle.function(SavedModelExport.SIGNATURE);
            Signature sig = logProb.signature();
            assertEquals(java.util.Set.of(SavedModelExport.INPUT), sig.inputNames());
            assertEquals(java.util.Set.of(SavedModelExport.OUTPUT), sig.outputNames());
            try (TFloat32 x = TensorIO.floats(images, shape);
                    Result out = logProb.call(Map.of(SavedModelExport.INPUT, x))) {
                float[] loaded = TensorIO.toFloats(out.get(SavedModelExport.OUTPUT).orElseThrow());
                assertEquals(n, loaded.length);
                assertArrayEquals(inSession, loaded, 1e-4f);
            }
        }
    }
}
