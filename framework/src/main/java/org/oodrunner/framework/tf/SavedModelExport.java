package org.oodrunner.framework.tf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/**
 * Writes a trained model as a TensorFlow SavedModel (tag {@code serve}) that any TensorFlow
 * runtime can load. Its {@code log_prob} signature takes {@code images}, a float32
 * {@code [batch, H, W, C]} tensor of values in [0,1] (dequantised pixels, as the run fed them),
 * and returns {@code log_prob}, float32 {@code [batch]}: log p(images) in nats, the run's input
 * transform's log-Jacobian included. bits/dim of 8-bit data is then
 * {@code (-log_prob + D log 256) / (D ln 2)}.
 *
 * <p>The export holds every graph variable, optimiser slots included (TensorFlow Java saves
 * all variables of a session), so it is about three times the size of the weights alone.
 */
public final class SavedModelExport {
    public static final String TAG = SavedModelBundle.DEFAULT_TAG;
    public static final String SIGNATURE = "log_prob";
    public static final String INPUT = "images";
    public static final String OUTPUT = "log_prob";

    private SavedModelExport() {}

    /** True when the model has a density to export. */
    public static boolean supports(ModelGraph model) {
        return model.outputs().containsKey(Quantity.LOG_LIKELIHOOD);
    }

    /** Writes the SavedModel to {@code dir}, replacing whatever was there. */
    public static void export(TfRuntime runtime, GraphContext graph, ModelGraph model, Path dir) {
        Signature signature = Signature.builder(SIGNATURE)
                .input(INPUT, graph.feed())
                .output(OUTPUT, model.output(Quantity.LOG_LIKELIHOOD))
                .methodName("tensorflow/serving/predict")
                .build();
        try {
            deleteTree(dir);
            Files.createDirectories(dir.getParent());
            SavedModelBundle.exporter(dir.toString())
                    .withTags(TAG)
                    .withSession(runtime.session())
                    .withSignature(signature)
                    .export();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the model to " + dir, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
