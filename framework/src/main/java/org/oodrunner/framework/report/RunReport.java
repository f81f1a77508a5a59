package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of one run: {@code artifacts/report.html}, one self-contained page (figures
 * embedded as PNG data, no external resource) with the run's metrics and their intervals, the
 * datasets, batch-level tests, analyses, every figure (with a link to its SVG) and the spec.
 * Built from the run directory alone ({@link RunRecord}), so it can be rebuilt for any run.
 */
public final class RunReport {
    public static final String FILE = "report.html";

    private RunReport() {}

    /** What {@link #write} wrote: the page and the figure files it embeds. */
    public record Written(Path page, RunFigures figures) {}

    /** Builds the figures and the page. */
    public static Written write(Path runDir) {
        RunRecord run = RunRecord.read(runDir);
        RunFigures figures = RunFigures.build(run);
        Path out = run.files().artifacts().resolve(FILE);
        run.files().writeText(out, Html.page(run.name() + " — OOD report", body(run, figures)));
        return new Written(out, figures);
    }

    private static String body(RunRecord run, RunFigures figures) {
        JsonNode r = run.results();
        StringBuilder b = new StringBuilder();
        b.append("<header><h1>").append(Html.esc(run.name())).append("</h1>\n");
        b.append("<p class=\"meta\">").append(Html.esc(meta(run))).append("</p>\n");
        String description = run.description();
        if (description != null) b.append("<p class=\"note\">").append(Html.esc(description)).append("</p>\n");
        b.append("<nav><a href=\"#detection\">Detection</a><a href=\"#datasets\">Datasets</a>");
        if (r.has("batch_tests")) b.append("<a href=\"#batch-tests\">Batch tests</a>");
        if (r.has("analyses")) b.append("<a href=\"#analyses\">Analyses</a>");
        b.append("<a href=\"#figures\">Figures</a><a href=\"#spec\">Spec</a></nav></header>\n");
        if (r.isMissingNode()) {
            b.append("<p class=\"bad\">This run has no results.json: ").append(Html.esc(failure(run))).append("</p>\n");
        }
        b.append("<section id=\"detection\"><h2>Detection</h2>\n");
        b.append("<p class=\"note\">In-distribution (").append(Html.esc(run.inDistribution()))
                .append(") is the positive class; a higher score means more in-distribution. Brackets: bootstrap ")
                .append(Html.esc(level(r))).append(" intervals. Click a header to sort.</p>\n");
        b.append(metricsTable(r).html()).append("</section>\n");
        b.append("<section id=\"datasets\"><h2>Datasets</h2>\n").append(datasetsTable(r).html()).append("</section>\n");
        if (r.has("batch_tests")) {
            b.append("<section id=\"batch-tests\"><h2>Batch tests</h2>\n<p class=\"note\">Batches of M examples are "
                    + "declared OOD when their statistic exceeds a threshold bootstrapped from the training data "
                    + "(typicality test, Nalisnick et al. 2019b).</p>\n").append(batchTable(r).html()).append("</section>\n");
        }
        if (r.has("analyses")) b.append(AnalysesSection.html(r.path("analyses")));
        b.append("<section id=\"figures\"><h2>Figures</h2>\n");
        figureGroup(b, "Score distributions", figures.histograms(), run);
        figureGroup(b, "ROC curves", figures.roc(), run);
        figureGroup(b, "Training curves", figures.training(), run);
        figureGroup(b, "Detection over training", figures.evaluation(), run);
        figureGroup(b, "Samples", figures.samples(), run);
        figureGroup(b, "Latents", figures.latents(), run);
        b.append("</section>\n");
        String spec = run.specText();
        b.append("<section id=\"spec\"><h2>Spec</h2>\n<details><summary>spec.yaml (resolved)</summary><pre>")
                .append(Html.esc(spec == null ? "(no spec.yaml)" : spec)).append("</pre></details></section>\n");
        return b.toString();
    }

    private static String meta(RunRecord run) {
        JsonNode r = run.results();
        JsonNode info = run.run();
        List<String> parts = new ArrayList<>();
        String spec = info.path("spec_name").asText(null);
        if (spec != null) parts.add("spec " + spec);
        String hash = info.path("hash").asText(r.path("run").path("hash").asText(null));
        if (hash != null) parts.add("hash " + hash);
        // While the run writes its report it is still RUNNING; say only what is final.
        String status = info.path("status").asText("");
        if (!status.isEmpty() && !status.equals("RUNNING")) parts.add("status " + status);
        if (r.has("model")) {
            parts.add("model " + r.path("model").path("type").asText() + " (" + r.path("model").path("parameters").asLong()
                    + " parameters)");
        }
        if (r.has("training")) parts.add(r.path("training").path("steps").asLong() + " training steps");
        if (info.has("started")) parts.add("started " + info.path("started").asText());
        return String.join(" · ", parts);
    }

    private static String failure(RunRecord run) {
        JsonNode f = run.run().path("failure");
        return f.isMissingNode() ? "the run did not finish" : "stage " + f.path("stage").asText() + " failed: "
                + f.path("message").asText();
    }

    private static String level(JsonNode r) {
        for (JsonNode byOod : r.path("metric_intervals")) {
            for (JsonNode byMetric : byOod) {
                for (JsonNode ci : byMetric) {
                    return String.format(Locale.ROOT, "%.0f%%", 100 * ci.path("level").asDouble()) + " (percentile, "
                            + ci.path("resamples").asInt() + " resamples)";
                }
            }
        }
        return "(none computed)";
    }

    static HtmlTable metricsTable(JsonNode r) {
        List<String> metricNames = new ArrayList<>();
        for (JsonNode byOod : r.path("metrics")) {
            for (JsonNode values : byOod) values.fieldNames().forEachRemaining(n -> {
                if (!metricNames.contains(n)) metricNames.add(n);
            });
        }
        List<String> headers = new ArrayList<>(List.of("scorer", "OOD set"));
        headers.addAll(metricNames);
        HtmlTable t = new HtmlTable("metrics", true, headers);
        for (Iterator<Map.Entry<String, JsonNode>> s = r.path("metrics").fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> scorer = s.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = scorer.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> ood = o.next();
                List<HtmlTable.Cell> row = new ArrayList<>();
                row.add(HtmlTable.Cell.text(scorer.getKey()));
                row.add(HtmlTable.Cell.text(ood.getKey()));
                for (String m : metricNames) {
                    JsonNode v = ood.getValue().get(m);
                    if (v == null) {
                        row.add(HtmlTable.Cell.empty());
                        continue;
                    }
                    JsonNode ci = r.path("metric_intervals").path(scorer.getKey()).path(ood.getKey()).path(m);
                    String html = Html.num(v.asDouble());
                    if (!ci.isMissingNode()) {
                        html += " <span class=\"ci\">[" + Html.num(ci.path("low").asDouble()) + ", "
                                + Html.num(ci.path("high").asDouble()) + "]</span>";
                    }
                    row.add(HtmlTable.Cell.html(html, v.asDouble()));
                }
                t.row(row);
            }
        }
        return t;
    }

    private static HtmlTable datasetsTable(JsonNode r) {
        List<String> scorers = new ArrayList<>();
        r.path("metrics").fieldNames().forEachRemaining(scorers::add);
        List<String> headers = new ArrayList<>(List.of("dataset", "role", "n", "bits/dim", "(std)"));
        for (String s : scorers) headers.add(s + " (mean)");
        HtmlTable t = new HtmlTable("datasets", true, headers);
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("datasets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            List<HtmlTable.Cell> row = new ArrayList<>();
            row.add(HtmlTable.Cell.text(d.getKey()));
            row.add(HtmlTable.Cell.text(d.getValue().path("role").asText()));
            row.add(HtmlTable.Cell.count(d.getValue().path("n").asLong()));
            JsonNode bpd = d.getValue().path("bits_per_dim");
            row.add(bpd.isMissingNode() ? HtmlTable.Cell.empty() : HtmlTable.Cell.number(bpd.path("mean").asDouble()));
            row.add(bpd.isMissingNode() ? HtmlTable.Cell.empty() : HtmlTable.Cell.number(bpd.path("std").asDouble()));
            for (String s : scorers) {
                JsonNode summary = d.getValue().path("scores").path(s);
                row.add(summary.isMissingNode() ? HtmlTable.Cell.empty() : HtmlTable.Cell.number(summary.path("mean").asDouble()));
            }
            t.row(row);
        }
        return t;
    }

    private static HtmlTable batchTable(JsonNode r) {
        HtmlTable t = new HtmlTable("batch-tests", true, List.of("scorer", "OOD set", "M", "threshold", "in batches",
                "OOD batches", "false alarm rate", "detection rate"));
        for (Iterator<Map.Entry<String, JsonNode>> s = r.path("batch_tests").fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> scorer = s.next();
            for (Iterator<Map.Entry<String, JsonNode>> o = scorer.getValue().fields(); o.hasNext(); ) {
                Map.Entry<String, JsonNode> ood = o.next();
                for (JsonNode e : ood.getValue()) {
                    t.row(List.of(HtmlTable.Cell.text(scorer.getKey()), HtmlTable.Cell.text(ood.getKey()),
                            HtmlTable.Cell.count(e.path("batch_size").asLong()),
                            HtmlTable.Cell.number(e.path("threshold").asDouble()),
                            HtmlTable.Cell.count(e.path("in_batches").asLong()),
                            HtmlTable.Cell.count(e.path("ood_batches").asLong()),
                            HtmlTable.Cell.number(e.path("false_alarm_rate").asDouble()),
                            HtmlTable.Cell.number(e.path("detection_rate").asDouble())));
                }
            }
        }
        return t;
    }

    private static void figureGroup(StringBuilder b, String title, List<Figure> figures, RunRecord run) {
        if (figures.isEmpty()) return;
        b.append("<h3>").append(Html.esc(title)).append("</h3>\n<div class=\"figures\">\n");
        for (Figure f : figures) {
            b.append("<figure><img alt=\"").append(Html.esc(f.title())).append("\" src=\"data:image/png;base64,")
                    .append(base64(f.png())).append("\">\n<figcaption>").append(Html.esc(f.caption()));
            if (f.svg() != null) {
                String rel = run.files().artifacts().relativize(f.svg()).toString().replace('\\', '/');
                b.append(" <a href=\"").append(Html.esc(rel)).append("\">SVG</a>");
            }
            b.append("</figcaption></figure>\n");
        }
        b.append("</div>\n");
    }

    private static String base64(Path png) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + png, e);
        }
    }
}
