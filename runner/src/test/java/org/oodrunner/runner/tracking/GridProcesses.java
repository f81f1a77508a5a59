package org.oodrunner.runner.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** The runner as its own process (as a user starts it), and what grids leave in the store, for the executor tests. */
final class GridProcesses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridProcesses() {}

    record Result(int exitCode, String output) {}

    /** Runs {@code runner ARGS} in a new JVM with this test's class path and the extra environment. */
    static Result runner(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "-cp", System.getProperty("java.class.path"), "org.oodrunner.runner.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the runner hung:\n" + out);
        }
        return new Result(p.exitValue(), out);
    }

    /** A 2x2 grid of the per-pixel baseline over the distribution and the learning rate (as experiments/gaussian_grid.yaml) on tiny data. */
    static String gaussianGrid(String name, int steps, String lrs) {
        return TinyData.spec(name, "executors", steps, """
                grid:
                  model.distribution: [gaussian, logistic]
                  train.optimizer.lr: %s
                """.formatted(lrs));
    }

    /** Each point's results.json metrics, by run directory name. */
    static Map<String, JsonNode> pointMetrics(Path store) throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (var dirs = Files.list(store)) {
            for (Path d : dirs.toList()) {
                if (d.getFileName().toString().contains("-grid-") || !Files.isRegularFile(d.resolve("results.json"))) continue;
                out.put(d.getFileName().toString(), JSON.readTree(d.resolve("results.json").toFile()).path("metrics"));
            }
        }
        return out;
    }

    static Path gridOf(Path store) throws IOException {
        try (var dirs = Files.list(store)) {
            return dirs.filter(d -> d.getFileName().toString().contains("-grid-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no grid record in " + store));
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (key, step) pairs of metrics.jsonl that occur more than once. */
    static Set<String> duplicateRows(Path run) throws IOException {
        Set<String> seen = new HashSet<>();
        Set<String> dup = new HashSet<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode m = JSON.readTree(line);
            String k = m.path("key").asText() + "@" + m.path("step").asLong();
            if (!seen.add(k)) dup.add(k);
        }
        return dup;
    }
}
