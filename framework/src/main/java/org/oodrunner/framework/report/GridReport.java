package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.run.RunFiles;

/**
 * One page for a grid (or any set of runs): a sortable table with a row per run, its grid
 * coordinates, status, in-distribution bits/dim and every metric (scorer, OOD set, metric) any
 * of the runs has, each linking to the run's own report. Self-contained like the run reports.
 */
public final class GridReport {
    private GridReport() {}

    /**
     * Writes the page to {@code out} (its folder is created) from the given run directories, in
     * that order. Runs that failed or have not finished get a row with their status.
     */
    public static Path write(List<Path> runDirs, Path out, String title) {
        List<RunRecord> runs = runDirs.stream().map(RunRecord::read).toList();
        Set<String> axes = new LinkedHashSet<>();
        Set<String> metricColumns = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            r.run().path("axes").fieldNames().forEachRemaining(axes::add);
            for (Iterator<Map.Entry<String, JsonNode>> s = r.results().path("metrics").fields(); s.hasNext(); ) {
                Map.Entry<String, JsonNode> scorer = s.next();
                for (Iterator<Map.Entry<String, JsonNode>> o = scorer.getValue().fields(); o.hasNext(); ) {
                    Map.Entry<String, JsonNode> ood = o.next();
                    ood.getValue().fieldNames().forEachRemaining(m -> metricColumns.add(scorer.getKey() + " · " + ood.getKey()
                            + " · " + m));
                }
            }
        }
        List<String> headers = new ArrayList<>(List.of("run", "status"));
        headers.addAll(axes);
        headers.add("bits/dim (in)");
        headers.addAll(metricColumns);
        HtmlTable table = new HtmlTable("grid", true, headers);
        Path base = out.toAbsolutePath().getParent();
        for (RunRecord r : runs) {
            List<HtmlTable.Cell> row = new ArrayList<>();
            Path report = r.files().artifacts().resolve(RunReport.FILE).toAbsolutePath();
            String name = Html.esc(r.name());
            row.add(new HtmlTable.Cell(Files.exists(report)
                    ? "<a href=\"" + Html.esc(base.relativize(report).toString().replace('\\', '/')) + "\">" + name + "</a>"
                    : name, null, true));
            row.add(HtmlTable.Cell.text(r.run().path("status").asText("unknown")));
            for (String axis : axes) {
                JsonNode v = r.run().path("axes").path(axis);
                row.add(v.isNumber() ? HtmlTable.Cell.number(v.asDouble())
                        : HtmlTable.Cell.text(v.isMissingNode() ? "" : v.isTextual() ? v.asText() : v.toString()));
            }
            String in = r.inDistribution();
            JsonNode bpd = in == null ? null : r.results().path("datasets").path(in).path("bits_per_dim").get("mean");
            row.add(bpd == null ? HtmlTable.Cell.empty() : HtmlTable.Cell.number(bpd.asDouble()));
            for (String column : metricColumns) {
                String[] key = column.split(" · ", 3);
                JsonNode v = r.results().path("metrics").path(key[0]).path(key[1]).get(key[2]);
                if (v == null) {
                    row.add(HtmlTable.Cell.empty());
                    continue;
                }
                JsonNode ci = r.results().path("metric_intervals").path(key[0]).path(key[1]).path(key[2]);
                String html = Html.num(v.asDouble());
                if (!ci.isMissingNode()) {
                    html += " <span class=\"ci\">[" + Html.num(ci.path("low").asDouble()) + ", "
                            + Html.num(ci.path("high").asDouble()) + "]</span>";
                }
                row.add(HtmlTable.Cell.html(html, v.asDouble()));
            }
            table.row(row);
        }
        String body = "<header><h1>" + Html.esc(title) + "</h1>\n<p class=\"meta\">" + runs.size()
                + " runs. Click a header to sort; a run's name opens its report.</p></header>\n<section id=\"runs\">"
                + table.html() + "</section>\n";
        new RunFiles(base).writeText(out.toAbsolutePath(), Html.page(title, body));
        return out;
    }
}
