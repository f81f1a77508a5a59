package org.oodrunner.framework.tf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.store.DurableFiles;
import org.oodrunner.framework.store.FaultPoint;
import org.oodrunner.framework.store.FileSums;
import org.oodrunner.framework.store.StorageFailure;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.exceptions.TensorFlowException;

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

    /** The checksums of a SavedModel's files, written beside them (see {@link FileSums}). */
    public static final String CHECKSUMS = "checksums.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Writes the SavedModel to {@code dir}, replacing whatever was there: exported into
     * {@code dir.partial}, its files flushed and their sizes and CRC32C recorded in
     * {@value #CHECKSUMS}, then renamed into place, so a crash or a full disk leaves either the
     * old export or the new one, never half of one.
     */
    public static void export(TfRuntime runtime, GraphContext graph, ModelGraph model, Path dir) {
        Signature signature = Signature.builder(SIGNATURE)
                .input(INPUT, graph.feed())
                .output(OUTPUT, model.output(Quantity.LOG_LIKELIHOOD))
                .methodName("tensorflow/serving/predict")
                .build();
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        try {
            DurableFiles.deleteTree(partial);
            Files.createDirectories(dir.getParent());
            try {
                SavedModelBundle.exporter(partial.toString())
                        .withTags(TAG)
                        .withSession(runtime.session())
                        .withSignature(signature)
                        .export();
            } catch (TensorFlowException e) {
                if (StorageFailure.of(e) != null) throw StorageFailure.writing(partial, e);
                throw e;
            }
            FaultPoint.reach("export", "written");
            Map<String, FileSums.Sum> sums = FileSums.of(partial);
            for (String f : sums.keySet()) DurableFiles.sync(partial.resolve(f));
            DurableFiles.write(partial.resolve(CHECKSUMS), JSON.writeValueAsBytes(sums));
            DurableFiles.deleteTree(dir);
            DurableFiles.rename(partial, dir);
        } catch (IOException e) {
            DurableFiles.deleteQuietly(partial);
            throw StorageFailure.writing(dir, e);
        } catch (RuntimeException e) {
            DurableFiles.deleteQuietly(partial);
            throw e;
        }
    }

    /** What is wrong with the SavedModel in {@code dir}, one phrase per damaged file; empty when intact. */
    public static List<String> check(Path dir) {
        Path sums = dir.resolve(CHECKSUMS);
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) return List.of("saved_model.pb is missing");
        if (!Files.isRegularFile(sums)) return List.of(CHECKSUMS + " is missing (written by an older version or cut short)");
        try {
            Map<String, FileSums.Sum> expected = JSON.readValue(sums.toFile(), new TypeReference<Map<String, FileSums.Sum>>() {});
            return FileSums.problems(dir, expected);
        } catch (IOException e) {
            return List.of(CHECKSUMS + " is unreadable (" + e.getMessage() + ")");
        }
    }
}
