package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.oodrunner.framework.metrics.CsvRecords;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.stages.ReportStage;

/**
 * What a finished (or failed) run left in its directory, read back for reports: run.json,
 * results.json, the per-example scores, the training metrics and the artifacts. Reports are
 * built from this alone, so any run directory can be reported on again.
 */
public final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunFiles files;
    private final JsonNode run;
    private final JsonNode results;

    private RunRecord(RunFiles files, JsonNode run, JsonNode results) {
        this.files = files;
        this.run = run;
        this.results = results;
    }

    public static RunRecord read(Path dir) {
        RunFiles files = new RunFiles(dir);
        return new RunRecord(files, json(files.runJson()), json(files.results()));
    }

    private static JsonNode json(Path file) {
        if (!Files.exists(file)) return MissingNode.getInstance();
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public Path dir() {
        return files.dir();
    }

    public RunFiles files() {
        return files;
    }

    /** run.json; a missing node when absent. */
    public JsonNode run() {
        return run;
    }

    /** results.json; a missing node when the run did not get that far. */
    public JsonNode results() {
        return results;
    }

    public String name() {
        String fromResults = results.path("run").path("name").asText(null);
        return fromResults != null ? fromResults : run.path("name").asText(files.dir().getFileName().toString());
    }

    /** The in-distribution test set's label, or null when there are no results. */
    public String inDistribution() {
        var it = results.path("datasets").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().path("role").asText().equals("in_distribution")) return e.getKey();
        }
        return null;
    }

    /** Labels of the OOD sets, in results order. */
    public List<String> oodSets() {
        List<String> out = new ArrayList<>();
        results.path("datasets").fields().forEachRemaining(e -> {
            if (e.getValue().path("role").asText().equals("ood")) out.add(e.getKey());
        });
        return out;
    }

    /**
     * Per-example scores from artifacts/scores.csv: scorer label -> dataset -> values in dataset
     * order. Empty when the file is absent.
     */
    public Map<String, Map<String, double[]>> scores() {
        Path csv = files.artifacts().resolve(ReportStage.SCORES_CSV);
        if (!Files.exists(csv)) return Map.of();
        List<CsvRecords.Row> rows = CsvRecords.read(csv);
        if (rows.isEmpty()) return Map.of();
        List<String> header = rows.get(0).fields();
        int first = ReportStage.SCORES_CSV_KEY_COLUMNS.size();
        int end = header.size() - (header.get(header.size() - 1).equals(ReportStage.SCORES_CSV_BITS_PER_DIM) ? 1 : 0);
        Map<String, Map<String, List<Double>>> collected = new LinkedHashMap<>();
        for (int c = first; c < end; c++) collected.put(header.get(c), new LinkedHashMap<>());
        for (int r = 1; r < rows.size(); r++) {
            List<String> f = rows.get(r).fields();
            String dataset = f.get(0);
            for (int c = first; c < end && c < f.size(); c++) {
                if (f.get(c).isEmpty()) continue;
                collected.get(header.get(c)).computeIfAbsent(dataset, k -> new ArrayList<>()).add(Double.parseDouble(f.get(c)));
            }
        }
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        collected.forEach((column, byDataset) -> {
            if (byDataset.isEmpty()) return;
            Map<String, double[]> m = new LinkedHashMap<>();
            byDataset.forEach((d, v) -> m.put(d, v.stream().mapToDouble(Double::doubleValue).toArray()));
            out.put(column, m);
        });
        return out;
    }

    /** One training metric over steps, for one model of the run. */
    public record Curve(String model, String metric, long[] steps, double[] values) {}

    /**
     * Training curves from metrics.jsonl: keys {@code train/<metric>} (the run's model) and
     * {@code train/<scorer>/<model>/<metric>} (auxiliary models). A step logged twice (a retried
     * run appends) keeps its last value.
     */
    public List<Curve> trainingCurves() {
        return curves("train/", "model");
    }

    /**
     * Evaluations made while training ({@code eval.every}) from metrics.jsonl: keys
     * {@code eval/<set>/bits_per_dim} and {@code eval/<scorer>/<ood>/<metric>}; a curve's "model"
     * is what lies between the prefix and the metric (the set, or scorer/OOD set).
     */
    public List<Curve> evaluationCurves() {
        return curves("eval/", "run");
    }

    private List<Curve> curves(String prefix, String unnamed) {
        Path file = files.metrics();
        if (!Files.exists(file)) return List.of();
        Map<String, TreeMap<Long, Double>> byKey = new LinkedHashMap<>();
        String quoted = "\"" + prefix;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.contains(quoted)) continue; // cheap pre-filter; metrics.jsonl can be long
                JsonNode n = JSON.readTree(line);
                if (!n.path("key").asText().startsWith(prefix)) continue;
                JsonNode v = n.path("value");
                double value = v.isNumber() ? v.asDouble() : Double.NaN;
                byKey.computeIfAbsent(n.path("key").asText(), k -> new TreeMap<>()).put(n.path("step").asLong(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Curve> curves = new ArrayList<>();
        byKey.forEach((key, points) -> {
            String rest = key.substring(prefix.length());
            int cut = rest.lastIndexOf('/');
            String model = cut < 0 ? unnamed : rest.substring(0, cut);
            String metric = rest.substring(cut + 1);
            long[] steps = points.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] values = points.values().stream().mapToDouble(Double::doubleValue).toArray();
            curves.add(new Curve(model, metric, steps, values));
        });
        return curves;
    }

    /** PNG artifacts whose file name mentions samples (sample grids a model wrote), outside figures/. */
    public List<Path> sampleImages() {
        Path artifacts = files.artifacts();
        if (!Files.isDirectory(artifacts)) return List.of();
        try (Stream<Path> all = Files.walk(artifacts)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !artifacts.relativize(p).startsWith(RunFigures.DIRECTORY))
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                        return n.endsWith(".png") && n.contains("sample");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + artifacts, e);
        }
    }

    /** The latent figures a flow's run wrote ({@code artifacts/latents/*.png}), in name order. */
    public List<Path> latentImages() {
        Path dir = files.artifacts().resolve("latents");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> all = Files.list(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The spec's description, or null. */
    public String description() {
        return json(files.effectiveSpec()).path("description").asText(null);
    }

    /** spec.yaml as written, or null. */
    public String specText() {
        try {
            return Files.exists(files.spec()) ? Files.readString(files.spec()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + files.spec(), e);
        }
    }
}
