package org.oodrunner.runner;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oodrunner.framework.run.RunOutcome;

/**
 * The results of a run as plain-text tables: bits/dim per dataset, a classifier's accuracy and
 * calibration, then every metric per scorer and OOD set.
 */
final class ResultsTable {
    private ResultsTable() {}

    static String format(RunOutcome outcome) {
        JsonNode r = outcome.results();
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(r.path("run").path("name").asText()).append("  (hash ")
                .append(r.path("run").path("hash").asText()).append(", ").append(outcome.files().dir()).append(")\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"dataset", "role", "n", "bits/dim", "(std)"});
        Iterator<Map.Entry<String, JsonNode>> ds = r.path("datasets").fields();
        while (ds.hasNext()) {
            Map.Entry<String, JsonNode> d = ds.next();
            JsonNode bpd = d.getValue().path("bits_per_dim");
            rows.add(new String[] {d.getKey(), d.getValue().path("role").asText().equals("ood") ? "ood" : "in",
                    d.getValue().path("n").asText(), bpd.isMissingNode() ? "-" : num(bpd.path("mean").asDouble()),
                    bpd.isMissingNode() ? "" : num(bpd.path("std").asDouble())});
        }
        table(rows, sb);
        sb.append('\n');
        classification(r, sb);

        rows.clear();
        List<String> metricNames = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> scorers = r.path("metrics").fields();
        while (scorers.hasNext()) {
            Map.Entry<String, JsonNode> s = scorers.next();
            Iterator<Map.Entry<String, JsonNode>> oods = s.getValue().fields();
            while (oods.hasNext()) {
                Map.Entry<String, JsonNode> o = oods.next();
                if (metricNames.isEmpty()) o.getValue().fieldNames().forEachRemaining(metricNames::add);
                List<String> row = new ArrayList<>(List.of(s.getKey(), o.getKey()));
                for (String m : metricNames) row.add(num(o.getValue().path(m).asDouble()));
                rows.add(row.toArray(String[]::new));
            }
        }
        List<String> header = new ArrayList<>(List.of("scorer", "ood set"));
        header.addAll(metricNames);
        rows.add(0, header.toArray(String[]::new));
        table(rows, sb);
        analyses(r.path("analyses"), sb);
        Path report = outcome.files().artifacts().resolve("report.html");
        if (Files.exists(report)) sb.append("\n  report: ").append(report).append('\n');
        return sb.toString();
    }

    /** A header and rows as an aligned plain-text table. */
    static String table(List<String> header, List<List<String>> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(header.toArray(String[]::new));
        rows.forEach(r -> all.add(r.toArray(String[]::new)));
        StringBuilder sb = new StringBuilder();
        table(all, sb);
        return sb.toString();
    }

    /** The second-moment analysis (per-channel variances, predicted and measured sign) and graying, when the run has them. */
    private static void analyses(JsonNode a, StringBuilder sb) {
        JsonNode sm = a.path("second_moment");
        if (!sm.isMissingNode()) {
            sb.append("\n  second moments (values in [0,1]; alpha: ").append(sm.path("alpha_source").asText()).append(")\n");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"dataset", "channel", "mean", "variance", "sum of pixel variances"});
            sm.path("datasets").fields().forEachRemaining(d -> {
                for (int c = 0; c < d.getValue().path("mean").size(); c++) {
                    rows.add(new String[] {d.getKey(), String.valueOf(c), num(d.getValue().path("mean").get(c).asDouble()),
                            num(d.getValue().path("variance").get(c).asDouble()),
                            num(d.getValue().path("pixel_variance_sum").get(c).asDouble())});
                }
            });
            table(rows, sb);
            sm.path("predictions").fields().forEachRemaining(p -> {
                JsonNode v = p.getValue();
                sb.append("  E[log p] on ").append(p.getKey()).append(" minus on ").append(v.path("reference").asText())
                        .append(": predicted sign ").append(sign(v.path("predicted_sign").asInt()));
                if (v.has("measured_difference")) {
                    sb.append(", measured ").append(String.format(Locale.ROOT, "%+.4g nats", v.path("measured_difference").asDouble()));
                }
                sb.append('\n');
            });
        }
        JsonNode g = a.path("graying");
        if (!g.isMissingNode()) {
            sb.append(String.format(Locale.ROOT, "%n  graying %s: mean log-likelihood %.2f -> %.2f nats (change %+.2f)%n",
                    g.path("dataset").asText(), g.path("mean_log_likelihood").asDouble(),
                    g.path("mean_log_likelihood_gray").asDouble(), g.path("mean_change").asDouble()));
        }
    }

    private static String sign(int s) {
        return s > 0 ? "+" : s < 0 ? "-" : "0";
    }

    /** A line per dataset whose labels the model's logits were scored on (accuracy, calibration). */
    private static void classification(JsonNode r, StringBuilder sb) {
        Iterator<Map.Entry<String, JsonNode>> ds = r.path("datasets").fields();
        boolean any = false;
        while (ds.hasNext()) {
            Map.Entry<String, JsonNode> d = ds.next();
            JsonNode c = d.getValue().path("classification");
            if (c.isMissingNode()) continue;
            sb.append(String.format(Locale.ROOT, "  classifier on %s: accuracy %s, cross-entropy %s, ECE %s (%d bins)%n",
                    d.getKey(), num(c.path("accuracy").asDouble()), num(c.path("cross_entropy").asDouble()),
                    num(c.path("ece").asDouble()), c.path("ece_bins").asInt()));
            any = true;
        }
        if (any) sb.append('\n');
    }

    private static void table(List<String[]> rows, StringBuilder sb) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
        }
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) {
                sb.append(c == 0 ? "  " : "  ");
                sb.append(String.format("%-" + width[c] + "s", row[c]));
            }
            sb.append('\n');
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
