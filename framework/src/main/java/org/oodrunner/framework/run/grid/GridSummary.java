package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The grid's table: one row per point with its status, its axis values and its results (every
 * metric as {@code scorer/ood set/metric}, and {@code dataset/bits_per_dim}, the names the runs
 * log them under). Written beside the grid as CSV, and printed by the CLI.
 */
public record GridSummary(List<String> header, List<List<String>> rows) {

    public static GridSummary of(List<String> axes, List<PointOutcome> points) {
        List<Map<String, String>> values = new ArrayList<>();
        Set<String> resultColumns = new LinkedHashSet<>();
        for (PointOutcome p : points) {
            Map<String, String> v = results(p);
            resultColumns.addAll(v.keySet());
            values.add(v);
        }
        List<String> header = new ArrayList<>(List.of("run", "status"));
        header.addAll(axes);
        header.addAll(resultColumns);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            PointOutcome p = points.get(i);
            List<String> row = new ArrayList<>();
            row.add(p.spec().runName());
            row.add(p.status().name() + (p.action() == PointAction.SKIP_FINISHED_ELSEWHERE ? " (" + p.elsewhere().where() + ")" : ""));
            for (String axis : axes) row.add(String.valueOf(p.spec().axes().get(axis)));
            for (String c : resultColumns) row.add(values.get(i).getOrDefault(c, ""));
            rows.add(row);
        }
        return new GridSummary(List.copyOf(header), List.copyOf(rows));
    }

    /** A point's result values by column name: from its results.json, else from the tracking server's run. */
    private static Map<String, String> results(PointOutcome p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.results() != null) {
            JsonNode r = p.results();
            for (Iterator<Map.Entry<String, JsonNode>> s = r.path("metrics").fields(); s.hasNext();) {
                Map.Entry<String, JsonNode> scorer = s.next();
                for (Iterator<Map.Entry<String, JsonNode>> o = scorer.getValue().fields(); o.hasNext();) {
                    Map.Entry<String, JsonNode> ood = o.next();
                    for (Iterator<Map.Entry<String, JsonNode>> m = ood.getValue().fields(); m.hasNext();) {
                        Map.Entry<String, JsonNode> metric = m.next();
                        out.put(scorer.getKey() + "/" + ood.getKey() + "/" + metric.getKey(), num(metric.getValue().asDouble()));
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> d = r.path("datasets").fields(); d.hasNext();) {
                Map.Entry<String, JsonNode> ds = d.next();
                JsonNode bpd = ds.getValue().path("bits_per_dim").path("mean");
                if (bpd.isNumber()) out.put(ds.getKey() + "/bits_per_dim", num(bpd.asDouble()));
            }
        } else if (p.elsewhere() != null) {
            p.elsewhere().metrics().forEach((k, v) -> {
                if (!k.startsWith("train/")) out.put(k, num(v));
            });
        }
        return out;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        csvLine(header, sb);
        rows.forEach(r -> csvLine(r, sb));
        return sb.toString();
    }

    private static void csvLine(List<String> cells, StringBuilder sb) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i);
            boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n");
            sb.append(quote ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        sb.append('\n');
    }
}
