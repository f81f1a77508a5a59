package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The analyses part of a run's report: the second-moment analysis and graying, from results.json. */
final class AnalysesSection {
    private AnalysesSection() {}

    static String html(JsonNode analyses) {
        StringBuilder b = new StringBuilder("<section id=\"analyses\"><h2>Analyses</h2>\n");
        JsonNode sm = analyses.path("second_moment");
        if (!sm.isMissingNode()) secondMoment(b, sm);
        JsonNode gray = analyses.path("graying");
        if (!gray.isMissingNode()) graying(b, gray);
        return b.append("</section>\n").toString();
    }

    private static void secondMoment(StringBuilder b, JsonNode sm) {
        b.append("<h3>Second moments (Nalisnick et al. 2019)</h3>\n<p class=\"note\">Per channel, on the [0,1] scale "
                + "the model sees. To second order, E<sub>q</sub>[log p] − E<sub>p*</sub>[log p] ≈ 1/(2σ²) "
                + "Σ<sub>c</sub> α<sub>c</sub>² Σ<sub>h,w</sub>(σ²<sub>p*,hwc</sub> − σ²<sub>q,hwc</sub>): "
                + "the set with the smaller pixel variances is predicted to get the higher log-likelihood. The reference "
                + "p* is the training set; the measured Δ compares with the in-distribution test set. The expression is "
                + "derived for a constant-volume flow and sets with a common mean: where those do not hold, the "
                + "prediction is no test of it (column assumptions). α: ")
                .append(Html.esc(sm.path("alpha_source").asText())).append(".</p>\n");
        HtmlTable moments = new HtmlTable("second-moment-datasets", true,
                List.of("dataset", "channel", "n", "mean", "variance", "Σ pixel variances"));
        for (Iterator<Map.Entry<String, JsonNode>> it = sm.path("datasets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> d = it.next();
            JsonNode v = d.getValue();
            for (int c = 0; c < v.path("mean").size(); c++) {
                moments.row(List.of(HtmlTable.Cell.text(d.getKey()), HtmlTable.Cell.count(c),
                        HtmlTable.Cell.count(v.path("n").asLong()), HtmlTable.Cell.number(v.path("mean").get(c).asDouble()),
                        HtmlTable.Cell.number(v.path("variance").get(c).asDouble()),
                        HtmlTable.Cell.number(v.path("pixel_variance_sum").get(c).asDouble())));
            }
        }
        b.append(moments.html());
        HtmlTable predictions = new HtmlTable("second-moment-predictions", true, List.of("OOD set", "reference",
                "Σ(σ²_p* − σ²_q) per channel", "α", "predicted σ²·Δ", "predicted sign", "measured Δ", "agree", "assumptions"));
        for (Iterator<Map.Entry<String, JsonNode>> it = sm.path("predictions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            List<HtmlTable.Cell> row = new ArrayList<>();
            row.add(HtmlTable.Cell.text(p.getKey()));
            row.add(HtmlTable.Cell.text(v.path("reference").asText()));
            row.add(HtmlTable.Cell.text(list(v.path("variance_gap"))));
            row.add(HtmlTable.Cell.text(list(v.path("alpha"))));
            row.add(HtmlTable.Cell.number(v.path("predicted_sigma2_times_difference").asDouble()));
            int sign = v.path("predicted_sign").asInt();
            row.add(HtmlTable.Cell.html(sign > 0 ? "+" : sign < 0 ? "−" : "0", sign));
            if (v.has("measured_difference")) {
                row.add(HtmlTable.Cell.number(v.path("measured_difference").asDouble()));
                boolean agree = v.path("measured_sign").asInt() == sign;
                row.add(HtmlTable.Cell.html(agree ? "<span class=\"good\">yes</span>" : "<span class=\"bad\">no</span>",
                        agree ? 1 : 0));
            } else {
                row.add(HtmlTable.Cell.empty());
                row.add(HtmlTable.Cell.empty());
            }
            JsonNode a = v.path("assumptions");
            if (a.isMissingNode()) {
                row.add(HtmlTable.Cell.empty());
            } else if (a.path("hold").asBoolean()) {
                row.add(HtmlTable.Cell.html("<span class=\"good\">hold</span>", 1));
            } else {
                row.add(HtmlTable.Cell.html("<span class=\"bad\">" + Html.esc(a.path("caveat").asText()) + "</span>", 0));
            }
            predictions.row(row);
        }
        b.append(predictions.html());
    }

    private static void graying(StringBuilder b, JsonNode g) {
        b.append("<h3>Graying</h3>\n<p class=\"note\">The in-distribution test images (")
                .append(Html.esc(g.path("dataset").asText()))
                .append(") converted to gray and replicated over the channels, scored by the same model with the same "
                        + "dequantisation noise.</p>\n");
        HtmlTable t = new HtmlTable("graying", false, List.of("quantity", "original", "gray", "change"));
        t.row(List.of(HtmlTable.Cell.text("mean log-likelihood (nats)"),
                HtmlTable.Cell.number(g.path("mean_log_likelihood").asDouble()),
                HtmlTable.Cell.number(g.path("mean_log_likelihood_gray").asDouble()),
                HtmlTable.Cell.number(g.path("mean_change").asDouble())));
        t.row(List.of(HtmlTable.Cell.text("bits/dim"), HtmlTable.Cell.number(g.path("bits_per_dim").asDouble()),
                HtmlTable.Cell.number(g.path("bits_per_dim_gray").asDouble()),
                HtmlTable.Cell.number(g.path("bits_per_dim_gray").asDouble() - g.path("bits_per_dim").asDouble())));
        t.row(List.of(HtmlTable.Cell.text("images whose log-likelihood rose"), HtmlTable.Cell.empty(),
                HtmlTable.Cell.empty(), HtmlTable.Cell.number(g.path("fraction_raised").asDouble())));
        b.append(t.html());
    }

    private static String list(JsonNode array) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : array) parts.add(Html.num(v.asDouble()));
        return "[" + String.join(", ", parts) + "]";
    }
}
