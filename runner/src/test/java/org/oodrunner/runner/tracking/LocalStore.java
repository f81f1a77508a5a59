package org.oodrunner.runner.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.SyncState;

/** What a run of the local store holds, next to what the server holds of it, in comparable forms. */
final class LocalStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalStore() {}

    static JsonNode runJson(Path dir) {
        return new RunFiles(dir).readRun();
    }

    /** The MLflow run id the run has on that server. */
    static String runId(Path dir, String uri) {
        String id = SyncState.load(dir).runId(uri);
        if (id == null) throw new AssertionError(dir + " has no MLflow run on " + uri);
        return id;
    }

    /** The one run directory of the store whose name starts with {@code prefix}. */
    static Path only(Path store, String prefix) {
        try (var s = Files.list(store)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            if (found.size() != 1) throw new AssertionError("expected one run " + prefix + "* in " + store + ", found " + found);
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** key -> [value@step:timestamp...] of metrics.jsonl, each history in step (then time) order. */
    static Map<String, List<String>> metrics(Path dir) {
        Map<String, List<JsonNode>> byKey = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
                if (line.isBlank()) continue;
                JsonNode m = JSON.readTree(line);
                byKey.computeIfAbsent(m.path("key").asText(), k -> new ArrayList<>()).add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> out = new TreeMap<>();
        byKey.forEach((k, v) -> out.put(k, inStepOrder(v)));
        return out;
    }

    private static List<String> inStepOrder(List<JsonNode> values) {
        List<JsonNode> h = new ArrayList<>(values);
        h.sort(Comparator.comparingLong((JsonNode m) -> m.path("step").asLong()).thenComparingLong(m -> m.path("timestamp").asLong()));
        return h.stream().map(m -> m.path("value").asDouble() + "@" + m.path("step").asLong() + ":" + m.path("timestamp").asLong())
                .toList();
    }

    /** The same from the server, each history in step (then time) order; keys as the run logged them. */
    static Map<String, List<String>> metrics(MlflowRest rest, String runId) {
        Map<String, List<String>> out = new TreeMap<>();
        for (String key : MlflowRest.metricKeys(rest.run(runId))) out.put(key, inStepOrder(rest.history(runId, key)));
        return out;
    }

    /** Histories without timestamps: what two runs of the same spec share. */
    static Map<String, List<String>> withoutTimes(Map<String, List<String>> metrics) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(k, v.stream().map(s -> s.substring(0, s.indexOf(':'))).toList()));
        return out;
    }

    static Map<String, String> stringMap(Path file) {
        try {
            Map<String, String> out = new TreeMap<>();
            JSON.readTree(file.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
