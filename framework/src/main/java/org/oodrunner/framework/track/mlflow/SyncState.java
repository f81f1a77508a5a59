package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How far a local run has been sent to each tracking server, kept beside the run in
 * {@code mlflow-sync.json}: the MLflow run it maps to, the byte offset reached in
 * {@code metrics.jsonl}, and the params, tags, artifacts and status the server already has.
 * Saved after every request that the server accepted, so a sync interrupted at any point
 * resumes without sending anything twice.
 *
 * <p>{@link #syncKey} names the local run on every server (tag {@code ood.sync_key}): when the
 * state for a server is lost, or a server is reached under another address, the sync finds the
 * run it made before instead of making a second.
 */
public final class SyncState {
    public static final String FILE = "mlflow-sync.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    public String syncKey;
    public Map<String, Target> targets = new TreeMap<>();

    /** What one server holds of the run. */
    public static final class Target {
        public String experimentId;
        public String runId;
        public String artifactUri;
        public long metricsOffset;
        public String metricsLastLine;
        /** Our metric key -> the MLflow key it was sent under. */
        public Map<String, String> metricKeys = new LinkedHashMap<>();
        public Map<String, String> params = new TreeMap<>();
        public Map<String, String> tags = new TreeMap<>();
        public Map<String, SentFile> artifacts = new TreeMap<>();
        public String status;
        public Long endTime;
    }

    /** An artifact as it was when uploaded. */
    public record SentFile(long size, long modified, String sha256) {}

    public static Path file(Path runDir) {
        return runDir.resolve(FILE);
    }

    public static SyncState load(Path runDir) {
        Path f = file(runDir);
        try {
            SyncState s = Files.exists(f) ? JSON.readValue(f.toFile(), SyncState.class) : new SyncState();
            if (s.targets == null) s.targets = new TreeMap<>();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + "; delete it to send the run again from the start", e);
        }
    }

    /** The state for one server, made empty when new. */
    public Target target(String key) {
        return targets.computeIfAbsent(key, k -> new Target());
    }

    /** The MLflow run id this local run has on {@code key}'s server, or null. */
    public String runId(String key) {
        Target t = targets.get(key);
        return t == null ? null : t.runId;
    }

    public String ensureSyncKey() {
        if (syncKey == null) syncKey = UUID.randomUUID().toString().replace("-", "");
        return syncKey;
    }

    /** Writes atomically: a crash never leaves half a state file. */
    public void save(Path runDir) {
        Path f = file(runDir);
        Path tmp = f.resolveSibling(FILE + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f, e);
        }
    }
}
