package org.oodrunner.framework.track;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.store.DurableFiles;
import org.oodrunner.framework.store.StorageFailure;

/**
 * The local run store's tracker: metrics appended to {@code metrics.jsonl} and flushed line by
 * line (a crash loses nothing already logged), params and tags as JSON, artifacts copied under
 * {@code artifacts/}. Always on, whatever else tracks the run.
 */
public final class LocalTracker implements Tracker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunFiles files;
    private final Map<String, String> params = new TreeMap<>();
    private final Map<String, String> tags = new TreeMap<>();
    private BufferedWriter metrics;

    public LocalTracker(RunFiles files) {
        this.files = files;
    }

    @Override
    public void start(RunInfo run) {
        try {
            Files.createDirectories(files.dir());
            params.putAll(files.readStringMap(files.params()));
            tags.putAll(files.readStringMap(files.tags()));
            metrics = Files.newBufferedWriter(files.metrics(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw StorageFailure.writing(files.metrics(), e);
        }
    }

    @Override
    public void logParams(Map<String, String> p) {
        params.putAll(p);
        files.writeJson(files.params(), params);
    }

    @Override
    public void logMetric(String key, double value, long step) {
        ObjectNode line = JSON.createObjectNode();
        line.put("key", key);
        if (Double.isFinite(value)) line.put("value", value);
        else line.put("value", Double.toString(value));
        line.put("step", step);
        line.put("timestamp", System.currentTimeMillis());
        try {
            metrics.write(JSON.writeValueAsString(line));
            metrics.newLine();
            metrics.flush();
        } catch (IOException e) {
            throw StorageFailure.writing(files.metrics(), e);
        }
    }

    @Override
    public void setTag(String key, String value) {
        tags.put(key, value);
        files.writeJson(files.tags(), tags);
    }

    @Override
    public void logArtifact(Path file, String artifactPath) {
        Path target = files.artifacts().resolve(artifactPath).normalize();
        if (!target.startsWith(files.artifacts())) {
            throw new IllegalArgumentException("artifact path escapes the run: " + artifactPath);
        }
        if (file.toAbsolutePath().normalize().equals(target.toAbsolutePath())) return;
        // through a temporary name: a crash or a full disk never leaves half an artifact
        DurableFiles.write(target, out -> Files.copy(file, out));
    }

    @Override
    public void finish(RunStatus status) {
        files.updateStatus(status);
    }

    @Override
    public void close() {
        try {
            if (metrics != null) metrics.close();
        } catch (IOException e) {
            throw StorageFailure.writing(files.metrics(), e);
        }
    }
}
