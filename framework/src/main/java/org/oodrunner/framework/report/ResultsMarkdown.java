package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Results tables in Markdown, generated from run directories alone (results.json and run.json),
 * so that numbers in documents are produced, not typed: where each run came from (commit,
 * command, machine, date), bits/dim per set, and every metric per scorer and OOD set with its
 * bootstrap interval. Runs appear in the order given.
 */
public final class ResultsMarkdown {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsMarkdown() {}

    /** One finished run as the tables need it. */
    private record Run(Path dir, JsonNode run, JsonNode results) {
        String name() {
            return results.path("run").path("name").asText(dir.getFileName().toString());
        }
    }

    public static String render(List<Path> runDirs) {
        if (runDirs.isEmpty()) throw new BadInputException("name at least one run directory");
        List<Run> runs = new ArrayList<>();
        for (Path dir : runDirs) runs.add(read(dir));
        StringBuilder b = new StringBuilder();
        provenance(runs, b);
        bitsPerDim(runs, b);
        metrics(runs, b);
        return b.toString();
    }

    private static Run read(Path dir) {
        Path results = dir.resolve("results.json");
        Path run = dir.resolve("run.json");
        if (!Files.isRegularFile(results)) {
            throw new BadInputException(dir + " has no results.json: give the directory of a finished run");
        }
        try {
            return new Run(dir, Files.isRegularFile(run) ? JSON.readTree(run.toFile()) : JSON.createObjectNode(),
                    JSON.readTree(results.toFile()));
        } catch (IOException e) {
            throw new BadInputException("cannot read " + results + " or " + run + ": " + e.getMessage());
        }
    }

    private static void provenance(List<Run> runs, StringBuilder b) {
        List<List<String>> rows = new ArrayList<>();
        for (Run r : runs) {
            JsonNode p = r.run().path("provenance");
            String commit = p.path("git_commit").asText("unknown");
            String machine = p.path("cpu_model").asText(p.path("os").asText("unknown")) + ", "
                    + p.path("cpus").asText("?") + " CPUs";
            String features = p.path("cpu_vector_features").asText("");
            if (!features.isEmpty()) machine += ", " + features;
            String started = r.run().path("started").asText("");
            rows.add(List.of(r.name() + " (`" + r.results().path("run").path("hash").asText() + "`)",
                    "`" + (commit.length() > 12 && !commit.endsWith("-dirty") ? commit.substring(0, 12) : commit) + "`",
                    p.has("command") ? "`" + p.path("command").asText() + "`" : "not recorded",
                    machine, started.length() >= 10 ? started.substring(0, 10) : "unknown"));
        }
        table(b, "Runs", List.of("run", "commit", "command", "machine", "date"), rows);
    }

    private static void bitsPerDim(List<Run> runs, StringBuilder b) {
        List<List<String>> rows = new ArrayList<>();
        for (Run r : runs) {
            for (Iterator<Map.Entry<String, JsonNode>> it = r.results().path("datasets").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                JsonNode bpd = d.getValue().path("bits_per_dim");
                if (bpd.isMissingNode()) continue;
                rows.add(List.of(r.name(), d.getKey(), d.getValue().path("role").asText(), d.getValue().path("n").asText(),
                        String.format(Locale.ROOT, "%.3f", bpd.path("mean").asDouble())));
            }
        }
        if (!rows.isEmpty()) table(b, "Bits per dimension", List.of("run", "dataset", "role", "n", "bits/dim"), rows);
    }

    private static void metrics(List<Run> runs, StringBuilder b) {
        Set<String> names = new LinkedHashSet<>();
        for (Run r : runs) {
            r.results().path("metrics").forEach(scorer -> scorer.forEach(set -> set.fieldNames().forEachRemaining(names::add)));
        }
        List<String> header = new ArrayList<>(List.of("run", "scorer", "OOD set"));
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (Run r : runs) {
            JsonNode intervals = r.results().path("metric_intervals");
            for (Iterator<Map.Entry<String, JsonNode>> sc = r.results().path("metrics").fields(); sc.hasNext(); ) {
                Map.Entry<String, JsonNode> scorer = sc.next();
                for (Iterator<Map.Entry<String, JsonNode>> st = scorer.getValue().fields(); st.hasNext(); ) {
                    Map.Entry<String, JsonNode> set = st.next();
                    List<String> row = new ArrayList<>(List.of(r.name(), scorer.getKey(), set.getKey()));
                    for (String m : names) {
                        JsonNode v = set.getValue().path(m);
                        JsonNode ci = intervals.path(scorer.getKey()).path(set.getKey()).path(m);
                        row.add(value(v, ci));
                    }
                    rows.add(row);
                }
            }
        }
        if (!rows.isEmpty()) table(b, "Metrics (95% bootstrap intervals in brackets where the run computed them)", header, rows);
    }

    private static String value(JsonNode v, JsonNode ci) {
        if (v.isMissingNode() || v.isNull()) return "";
        String s = String.format(Locale.ROOT, "%.3f", v.asDouble());
        if (ci.has("low") && ci.has("high")) {
            s += String.format(Locale.ROOT, " [%.3f, %.3f]", ci.path("low").asDouble(), ci.path("high").asDouble());
            double level = ci.path("level").asDouble(0.95);
            if (Math.abs(level - 0.95) > 1e-9) s += String.format(Locale.ROOT, " (%.0f%%)", 100 * level);
        }
        return s;
    }

    private static void table(StringBuilder b, String title, List<String> header, List<List<String>> rows) {
        b.append("#### ").append(title).append("\n\n");
        row(b, header);
        b.append('|');
        for (int i = 0; i < header.size(); i++) b.append("---|");
        b.append('\n');
        for (List<String> r : rows) row(b, r);
        b.append('\n');
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        b.append('\n');
    }
}
