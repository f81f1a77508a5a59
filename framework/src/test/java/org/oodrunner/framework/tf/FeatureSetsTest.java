package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.FeatureSets;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.FeaturesSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.types.TFloat32;

/**
 * data.features from a SavedModel: the features equal the model's output on the images at the
 * bin centres, are cached in the run, are read back without loading the model again, and are
 * computed anew when what they were computed from changes.
 */
class FeatureSetsTest {
    @Test
    void featuresAreTheModelsOutputsComputedOnceAndCached(@TempDir Path tmp) throws IOException {
        Path saved = tmp.resolve("saved_model");
        try (TestGraph g = TestGraph.build(new TinyDensity(), TrainerTest.SHAPE, 1)) {
            new Trainer(g.runtime(), g.context(), g.model(), TrainerTest.spec(3, TrainerTest.adam(0.05), null, 0, null,
                    DivergenceSpec.STOP)).train(TrainerTest.TRAIN, TestGraph.PREPROCESSING, 1, (s, t, m) -> { });
            SavedModelExport.export(g.runtime(), g.context(), g.model(), saved);
        }
        ImageSet set = TestGraph.images("probe", 7, TrainerTest.SHAPE, 5);
        // The export's log_prob output, one value per image: a 1-dimensional "feature".
        FeaturesSpec spec = new FeaturesSpec(null, saved.toString(), null, SavedModelExport.OUTPUT, 1);
        Path run = tmp.resolve("run");
        float[][] first;
        try (FeatureSets features = new FeatureSets(spec, PreprocessSpec.defaults(), 3, run)) {
            ImageSet f = features.features(set);
            assertTrue(f.continuous());
            assertEquals(new org.oodrunner.framework.data.ImageShape(1, 1, 1), f.shape());
            assertArrayEquals(set.labels(), f.labels());
            first = f.values();
        }
        float[] x = new float[7 * 16];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 16; j++) x[i * 16 + j] = ((set.images()[i][j] & 0xFF) + 0.5f) / 256f;
        }
        try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), SavedModelExport.TAG);
                TFloat32 in = TensorIO.floats(x, 7, 4, 4, 1);
                Result r = bundle.function(SavedModelExport.SIGNATURE).call(Map.of(SavedModelExport.INPUT, in))) {
            float[] expected = TensorIO.toFloats(r.get(SavedModelExport.OUTPUT).orElseThrow());
            for (int i = 0; i < 7; i++) assertEquals(expected[i], first[i][0], 1e-5f, "example " + i);
        }

        // Without the model's variables only the cache can answer: it does, with the same values.
        deleteTree(saved.resolve("variables"));
        try (FeatureSets features = new FeatureSets(spec, PreprocessSpec.defaults(), 3, run)) {
            assertArrayEquals(first, features.features(set).values());
            // Another set (other examples under the same name) is not in the cache: the model must load, and cannot.
            ImageSet other = TestGraph.images("probe", 6, TrainerTest.SHAPE, 6);
            assertThrows(RuntimeException.class, () -> features.features(other));
        }
        FeaturesSpec tooWide = new FeaturesSpec(null, tmp.resolve("nothing").toString(), null, "x", 4);
        BadInputException bad = assertThrows(BadInputException.class,
                () -> new FeatureSets(tooWide, PreprocessSpec.defaults(), 3, run).features(set));
        assertTrue(bad.getMessage().startsWith("data.features: "), bad.getMessage());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
