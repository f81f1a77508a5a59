package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.spec.model.TrackingSpec;
import org.oodrunner.framework.track.RunStatus;

/**
 * A run directory of the local store as a sync reads it: who the run is (run.json), how it is
 * tracked (the spec's {@code tracking} section, or the grid record's), and the files that hold
 * its params, tags, metrics and artifacts. Reads only; the store is written by the run.
 */
public final class LocalRun {
    public static final String DEFAULT_EXPERIMENT = "ood-runner";
    public static final String KIND_GRID = "grid";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunFiles files;
    private final JsonNode run;
    private final JsonNode tracking;
    private final String description;

    private LocalRun(RunFiles files, JsonNode run, JsonNode tracking, String description) {
        this.files = files;
        this.run = run;
        this.tracking = tracking;
        this.description = description;
    }

    /** Whether {@code dir} holds a run (or a grid) of the local store. */
    public static boolean isRunDir(Path dir) {
        return Files.isRegularFile(dir.resolve("run.json"));
    }

    public static LocalRun read(Path dir) {
        RunFiles files = new RunFiles(dir);
        if (!isRunDir(dir)) {
            throw new BadInputException(dir + " is not a run directory (it has no run.json); give the directories that "
                    + "`runner run` made under its --out folder");
        }
        JsonNode run = files.readRun();
        JsonNode effective = readJson(files.effectiveSpec());
        JsonNode tracking = run.has("tracking") ? run.get("tracking") : effective.path("tracking");
        String description = text(run.has("description") ? run.get("description") : effective.path("description"));
        return new LocalRun(files, run, tracking, description);
    }

    public RunFiles files() {
        return files;
    }

    public Path dir() {
        return files.dir();
    }

    public boolean isGrid() {
        return KIND_GRID.equals(run.path("kind").asText());
    }

    public String name() {
        String name = text(run.path("name"));
        return name != null ? name : dir().getFileName().toString();
    }

    public String specHash() {
        return text(run.path("hash"));
    }

    public RunStatus status() {
        try {
            return RunStatus.valueOf(run.path("status").asText("RUNNING"));
        } catch (IllegalArgumentException e) {
            return RunStatus.RUNNING;
        }
    }

    /** When the run first started, in epoch milliseconds. */
    public long startMillis() {
        Long t = millis(run.path("started"));
        if (t != null) return t;
        try {
            return Files.getLastModifiedTime(files.runJson()).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** When the run ended, in epoch milliseconds; null while it runs. */
    public Long endMillis() {
        return status() == RunStatus.RUNNING ? null : millis(run.path("ended"));
    }

    public String experiment() {
        String e = text(tracking.path("experiment"));
        return e != null ? e : DEFAULT_EXPERIMENT;
    }

    /** The tracking server the spec names, or null. */
    public String specTrackingUri() {
        return text(tracking.path("uri"));
    }

    /** Largest artifact file to upload, in bytes. */
    public long maxArtifactBytes() {
        double mb = tracking.path("max_artifact_mb").asDouble(TrackingSpec.DEFAULT_MAX_ARTIFACT_MB);
        return (long) (mb * 1024 * 1024);
    }

    /** Whether the run's checkpoints go to the server with its artifacts. */
    public boolean uploadCheckpoints() {
        return tracking.path("upload_checkpoints").asBoolean(false);
    }

    public String description() {
        return description;
    }

    public String specFile() {
        return text(run.path("spec_file"));
    }

    public String provenance(String key) {
        return text(run.path("provenance").path(key));
    }

    /** The grid run this run belongs to, or null. */
    public Path parentDir() {
        String parent = text(run.path("parent"));
        return parent == null ? null : dir().resolveSibling(parent);
    }

    /** A grid's point runs, in grid order (empty for a plain run). */
    public List<Path> childDirs() {
        List<Path> out = new ArrayList<>();
        for (JsonNode p : run.path("points")) out.add(dir().resolveSibling(p.path("dir").asText()));
        return out;
    }

    public Map<String, String> params() {
        return files.readStringMap(files.params());
    }

    public Map<String, String> tags() {
        return files.readStringMap(files.tags());
    }

    private static JsonNode readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.asText().isEmpty() ? null : n.asText();
    }

    private static Long millis(JsonNode n) {
        String s = text(n);
        if (s == null) return null;
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
