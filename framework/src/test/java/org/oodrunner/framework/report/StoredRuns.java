package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run directories written in the formats the runner writes (results.json, run.json,
 * spec.effective.json of a finished run; a grid's run.json with {@code kind: grid} and its
 * points), with values the tests choose, for tests that aggregate them.
 */
final class StoredRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path store;

    StoredRuns(Path store) {
        this.store = store;
    }

    /**
     * A finished run of spec {@code name} with the given seed and learning rate (the setting that
     * makes another experiment), bits/dim of its two sets and log-likelihood AUROC and FPR@95 on MNIST.
     */
    Path run(String name, String hash, long seed, double lr, int threads, double inBpd, double oodBpd, double auroc,
             double fpr) {
        Path dir = store.resolve(name + "-" + hash);
        ObjectNode results = JSON.createObjectNode();
        results.put("schema_version", 1);
        ObjectNode run = results.putObject("run");
        run.put("name", name + "[seed=" + seed + "]");
        run.put("spec_name", name);
        run.put("hash", hash);
        run.putObject("axes").put("seed", seed);
        results.putObject("model").put("type", "gaussian").put("parameters", 1568);
        ObjectNode datasets = results.putObject("datasets");
        dataset(datasets, "fashion_mnist/test", "in_distribution", inBpd);
        dataset(datasets, "mnist/test", "ood", oodBpd);
        ObjectNode metric = results.putObject("metrics").putObject("log_likelihood").putObject("mnist/test");
        metric.put("auroc", auroc);
        metric.put("fpr_at_95_tpr", fpr);
        ObjectNode interval = results.putObject("metric_intervals").putObject("log_likelihood").putObject("mnist/test")
                .putObject("auroc");
        interval.put("low", auroc - 0.01).put("high", auroc + 0.01).put("level", 0.95).put("resamples", 1000);
        write(dir.resolve("results.json"), results);

        ObjectNode runJson = JSON.createObjectNode();
        runJson.put("name", name + "[seed=" + seed + "]");
        runJson.put("spec_name", name);
        runJson.put("hash", hash);
        runJson.put("status", "FINISHED");
        runJson.put("started", "2026-12-07T05:34:57.969939652Z");
        runJson.put("attempts", 1);
        runJson.putObject("axes").put("seed", seed);
        ObjectNode provenance = runJson.putObject("provenance");
        provenance.put("git_commit", "a2df8f2dc551aa8252d00c4c4e5d8a10b567e9a1");
        provenance.put("cpus", "2");
        provenance.put("cpu_model", "AMD EPYC");
        provenance.put("cpu_vector_features", "sse4_2 avx avx2 fma");
        provenance.put("command", "runner run experiments/" + name + ".yaml --set 'grid.seed=[0,1,2]'");
        runJson.put("ended", "2026-12-07T05:35:51.106686231Z");
        write(dir.resolve("run.json"), runJson);

        ObjectNode spec = JSON.createObjectNode();
        spec.put("name", name);
        spec.put("seed", seed);
        spec.putObject("model").put("type", "gaussian").put("distribution", "logistic");
        spec.putObject("train").put("epochs", 8).putObject("optimizer").put("type", "adam").put("lr", lr);
        spec.putObject("tracking").put("experiment", "ood-generative").put("flush_seconds", 5);
        spec.putObject("runtime").put("intra_op_threads", threads).put("device", "cpu");
        write(dir.resolve("spec.effective.json"), spec);
        return dir;
    }

    private static void dataset(ObjectNode datasets, String set, String role, double bpd) {
        ObjectNode d = datasets.putObject(set);
        d.put("role", role);
        d.put("n", 10000);
        d.putObject("bits_per_dim").put("n", 10000).put("mean", bpd).put("std", 0.5);
    }

    /** Adds a grid axis to a run's results.json and run.json, as a grid over that axis would have written it. */
    static void addAxis(Path run, String axis, double value) {
        for (String file : List.of("results.json", "run.json")) {
            try {
                ObjectNode json = (ObjectNode) JSON.readTree(run.resolve(file).toFile());
                ObjectNode axes = (ObjectNode) (file.equals("run.json") ? json.path("axes") : json.path("run").path("axes"));
                axes.put(axis, value);
                write(run.resolve(file), json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A grid's record listing {@code points} (run directories in this store) in the given order. */
    Path grid(String name, String hash, List<Path> points) {
        Path dir = store.resolve(name + "-grid-" + hash);
        ObjectNode run = JSON.createObjectNode();
        run.put("kind", "grid");
        run.put("name", name + " (grid)");
        run.put("spec_name", name);
        run.put("hash", hash);
        run.put("status", "FINISHED");
        run.set("axes", JSON.valueToTree(Map.of("seed", List.of(0, 1, 2))));
        ArrayNode list = run.putArray("points");
        for (Path p : points) {
            String d = p.getFileName().toString();
            list.addObject().put("dir", d).put("name", name).put("hash", d.substring(d.lastIndexOf('-') + 1));
        }
        write(dir.resolve("run.json"), run);
        return dir;
    }

    static void write(Path file, ObjectNode json) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
