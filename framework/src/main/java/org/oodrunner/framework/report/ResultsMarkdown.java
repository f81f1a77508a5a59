package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Results tables in Markdown, generated from run directories alone (results.json and run.json),
 * so that numbers in documents are produced, not typed: where each run came from (commit,
 * command, machine, date), bits/dim per set, and every metric per scorer and OOD set with its
 * bootstrap interval. Runs appear in the order given; a grid's record stands for its points.
 * {@link SeedsMarkdown} and {@link ClaimsMarkdown} aggregate the same runs over seeds.
 */
public final class ResultsMarkdown {
    private ResultsMarkdown() {}

    /** The tables of the runs in {@code dirs} (run directories, or grid records standing for their points). */
    public static String render(List<Path> dirs) {
        List<FinishedRun> runs = RunDirectories.read(dirs);
        StringBuilder b = new StringBuilder();
        provenance(runs, b);
        bitsPerDim(runs, b);
        metrics(runs, b);
        return b.toString();
    }

    static void provenance(List<FinishedRun> runs, StringBuilder b) {
        List<List<String>> rows = new ArrayList<>();
        for (FinishedRun r : runs) {
            JsonNode p = r.run().path("provenance");
            rows.add(List.of(r.name() + " (`" + r.hash() + "`)", "`" + commit(r) + "`",
                    p.has("command") ? "`" + p.path("command").asText() + "`" : "not recorded", machine(r), date(r)));
        }
        table(b, "Runs", List.of("run", "commit", "command", "machine", "date"), rows);
    }

    /** The commit the run was made at, shortened to 12 digits unless the tree was dirty. */
    static String commit(FinishedRun r) {
        String commit = r.run().path("provenance").path("git_commit").asText("unknown");
        return commit.length() > 12 && !commit.endsWith("-dirty") ? commit.substring(0, 12) : commit;
    }

    /** CPU model, CPU count and vector features. */
    static String machine(FinishedRun r) {
        JsonNode p = r.run().path("provenance");
        String machine = p.path("cpu_model").asText(p.path("os").asText("unknown")) + ", " + p.path("cpus").asText("?") + " CPUs";
        String features = p.path("cpu_vector_features").asText("");
        return features.isEmpty() ? machine : machine + ", " + features;
    }

    /** The day the run started (UTC). */
    static String date(FinishedRun r) {
        String started = r.run().path("started").asText("");
        return started.length() >= 10 ? started.substring(0, 10) : "unknown";
    }

    private static void bitsPerDim(List<FinishedRun> runs, StringBuilder b) {
        List<List<String>> rows = new ArrayList<>();
        for (FinishedRun r : runs) {
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

    private static void metrics(List<FinishedRun> runs, StringBuilder b) {
        Set<String> names = new LinkedHashSet<>();
        for (FinishedRun r : runs) {
            r.results().path("metrics").forEach(scorer -> scorer.forEach(set -> set.fieldNames().forEachRemaining(names::add)));
        }
        List<String> header = new ArrayList<>(List.of("run", "scorer", "OOD set"));
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        for (FinishedRun r : runs) {
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
        MarkdownTable.append(b, title, header, rows);
    }
}
