package org.oodrunner.framework.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.oodrunner.framework.store.DurableFiles;
import org.oodrunner.framework.store.StorageFailure;
import org.oodrunner.framework.track.RunStatus;

/**
 * The files of one run directory, and safe (write-then-rename) updates to them.
 *
 * <pre>
 * run.json            name, hash, status, times, grid axes, provenance, failure reason
 * spec.yaml           the resolved spec as written (after extends, grid, interpolation)
 * spec.effective.json the same with every default filled in
 * params.json         flattened parameters
 * tags.json           tags
 * metrics.jsonl       one {key, value, step, timestamp} per line
 * results.json        every metric per scorer and OOD set, score summaries per dataset
 * artifacts/          plots, score tables, models (saved_model/)
 * checkpoints/        the latest and best training checkpoints (see Checkpoints)
 * evaluations/        one directory per `runner evaluate` of the run (see RunEvaluator)
 * run.lock            held by the process working in the directory
 * </pre>
 */
public record RunFiles(Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path runJson() {
        return dir.resolve("run.json");
    }

    public Path spec() {
        return dir.resolve("spec.yaml");
    }

    public Path effectiveSpec() {
        return dir.resolve("spec.effective.json");
    }

    public Path params() {
        return dir.resolve("params.json");
    }

    public Path tags() {
        return dir.resolve("tags.json");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path results() {
        return dir.resolve("results.json");
    }

    public Path artifacts() {
        return dir.resolve("artifacts");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path lock() {
        return dir.resolve("run.lock");
    }

    /** The current length of {@code metrics.jsonl} in bytes (0 when absent). */
    public long metricsLength() {
        try {
            return Files.exists(metrics()) ? Files.size(metrics()) : 0;
        } catch (IOException e) {
            throw StorageFailure.reading(metrics(), e);
        }
    }

    /**
     * Cuts {@code metrics.jsonl} back to its first {@code length} bytes: what was logged up to
     * the checkpoint a run resumes from. Lines of the interrupted attempt after it are dropped,
     * because the resumed run logs them again.
     */
    public void truncateMetrics(long length) {
        try {
            if (!Files.exists(metrics()) || Files.size(metrics()) <= length) return;
            try (FileChannel ch = FileChannel.open(metrics(), StandardOpenOption.WRITE)) {
                ch.truncate(length);
            }
        } catch (IOException e) {
            throw StorageFailure.writing(metrics(), e);
        }
    }

    public ObjectNode readRun() {
        return readJson(runJson());
    }

    /** A JSON object file of the run (an empty object when absent). */
    public ObjectNode readJson(Path file) {
        try {
            return Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        } catch (IOException e) {
            throw StorageFailure.reading(file, e);
        }
    }

    public Map<String, String> readStringMap(Path file) {
        try {
            if (!Files.exists(file)) return Map.of();
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw StorageFailure.reading(file, e);
        }
    }

    public void updateStatus(RunStatus status) {
        ObjectNode run = readRun();
        run.put("status", status.name());
        if (status != RunStatus.RUNNING) run.put("ended", Instant.now().toString());
        writeJson(runJson(), run);
    }

    /**
     * Writes JSON atomically and durably (temporary file, flushed, renamed): a reader never sees
     * half a file, a crash or a full disk never leaves one.
     */
    public void writeJson(Path file, Object value) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file, e);
        }
        DurableFiles.write(file, bytes);
    }

    public void writeText(Path file, String text) {
        DurableFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
