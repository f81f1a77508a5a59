package org.oodrunner.framework.run.stages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oodrunner.framework.component.BatchTestResult;
import org.oodrunner.framework.classification.Classification;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.Summary;
import org.oodrunner.framework.store.DurableFiles;
import org.oodrunner.framework.store.FaultPoint;

/**
 * Writes {@code results.json} (the machine-readable outcome, schema in
 * {@code schemas/results.schema.json}: metrics, their bootstrap intervals, batch-level tests and
 * analyses) and every per-example score as a CSV artifact.
 */
public final class ReportStage implements Stage {
    public static final int RESULTS_SCHEMA_VERSION = 1;
    public static final String BITS_PER_DIM = "bits_per_dim";
    /**
     * The scores.csv columns besides one per scorer label. The model's per-example bits/dim is not
     * called {@code bits_per_dim} there: that is the label of the {@code bits_per_dim} scorer.
     */
    public static final String SCORES_CSV = "scores.csv";
    public static final List<String> SCORES_CSV_KEY_COLUMNS = List.of("dataset", "role", "index");
    public static final String SCORES_CSV_BITS_PER_DIM = "model_bits_per_dim";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void run(RunContext ctx) {
        ObjectNode results = JSON.createObjectNode();
        results.put("schema_version", RESULTS_SCHEMA_VERSION);
        ObjectNode run = results.putObject("run");
        run.put("name", ctx.plan().resolved().runName());
        run.put("spec_name", ctx.spec().name());
        run.put("hash", ctx.plan().resolved().hash());
        run.set("axes", JSON.valueToTree(ctx.plan().resolved().axes()));
        ObjectNode model = results.putObject("model");
        model.put("type", ctx.spec().model().type());
        model.put("parameters", ctx.graph().parameters().count());
        ObjectNode training = results.putObject("training");
        training.put("steps", ctx.trainedSteps());
        training.set("final", JSON.valueToTree(ctx.finalTrainingMetrics()));

        ObjectNode datasets = results.putObject("datasets");
        for (String label : ctx.evaluationSets().keySet()) {
            ObjectNode d = datasets.putObject(label);
            d.put("role", label.equals(ctx.testLabel()) ? "in_distribution" : "ood");
            d.put("n", ctx.evaluationSets().get(label).size());
            double[] bpd = bitsPerDim(ctx, label);
            if (bpd != null) d.set(BITS_PER_DIM, JSON.valueToTree(Summary.of(bpd)));
            Classification c = ctx.classification().get(label);
            if (c != null) d.set("classification", classification(c));
            ObjectNode scores = d.putObject("scores");
            for (Map.Entry<String, Map<String, double[]>> s : ctx.scores().entrySet()) {
                scores.set(s.getKey(), JSON.valueToTree(Summary.of(s.getValue().get(label))));
            }
        }
        results.set("metrics", JSON.valueToTree(ctx.metrics()));
        if (!ctx.metricIntervals().isEmpty()) results.set("metric_intervals", JSON.valueToTree(ctx.metricIntervals()));
        if (!ctx.batchTests().isEmpty()) results.set("batch_tests", batchTests(ctx));
        if (!ctx.analyses().isEmpty()) results.set("analyses", ctx.analyses());
        FaultPoint.reach("report", "results");
        ctx.files().writeJson(ctx.files().results(), results);
        ctx.tracker().logArtifact(ctx.files().results(), "results.json");

        Path csv = ctx.files().artifacts().resolve(SCORES_CSV);
        writeScores(ctx, csv);
        ctx.tracker().logArtifact(csv, SCORES_CSV);
        for (String label : ctx.evaluationSets().keySet()) {
            double[] bpd = bitsPerDim(ctx, label);
            if (bpd != null) {
                ctx.tracker().logMetric(label + "/" + BITS_PER_DIM, Summary.of(bpd).mean(), ctx.trainedSteps());
            }
        }
    }

    /** scorer -> OOD set -> one entry per batch size, snake_case like the rest of the file. */
    private static ObjectNode batchTests(RunContext ctx) {
        ObjectNode out = JSON.createObjectNode();
        ctx.batchTests().forEach((scorer, byOod) -> {
            ObjectNode s = out.putObject(scorer);
            byOod.forEach((ood, results) -> {
                var list = s.putArray(ood);
                for (BatchTestResult r : results) {
                    ObjectNode e = list.addObject();
                    e.put("batch_size", r.batchSize());
                    e.put("threshold", r.threshold());
                    e.put("in_batches", r.inBatches());
                    e.put("ood_batches", r.oodBatches());
                    e.put("false_alarm_rate", r.falseAlarmRate());
                    e.put("detection_rate", r.detectionRate());
                }
            });
        });
        return out;
    }

    private static ObjectNode classification(Classification c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", c.n());
        c.metrics().forEach(o::put);
        o.put("ece_bins", c.eceBins());
        return o;
    }

    /** bits/dim per example, from the model's log-likelihood, or null when it has none or only an unnormalised one. */
    static double[] bitsPerDim(RunContext ctx, String label) {
        PerExample ll = ctx.quantities().get(label).get(Quantity.LOG_LIKELIHOOD);
        if (ll == null || !ctx.modelGraph().likelihoodNormalized()) return null;
        int dims = ctx.evaluationSets().get(label).shape().dims();
        double[] out = new double[ll.n()];
        for (int i = 0; i < out.length; i++) out[i] = ctx.preprocessing().bitsPerDim(ll.get(i), dims);
        return out;
    }

    private static void writeScores(RunContext ctx, Path csv) {
        List<String> scorers = new ArrayList<>(ctx.scores().keySet());
        DurableFiles.write(csv, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write(String.join(",", SCORES_CSV_KEY_COLUMNS) + "," + String.join(",", scorers) + ","
                    + SCORES_CSV_BITS_PER_DIM);
            w.newLine();
            for (String label : ctx.evaluationSets().keySet()) {
                String role = label.equals(ctx.testLabel()) ? "in" : "ood";
                double[] bpd = bitsPerDim(ctx, label);
                int n = ctx.evaluationSets().get(label).size();
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.setLength(0);
                    sb.append('"').append(label.replace("\"", "\"\"")).append("\",").append(role).append(',').append(i);
                    for (String s : scorers) sb.append(',').append(num(ctx.scores().get(s).get(label)[i]));
                    sb.append(',').append(bpd == null ? "" : num(bpd[i]));
                    w.write(sb.toString());
                    w.newLine();
                }
            }
            w.flush();
        });
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
