package org.oodrunner.framework.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Every figure of a run, built from its directory and stored under {@code artifacts/figures/}
 * as PNG and SVG: score histograms per scorer, ROC curves per OOD set, training curves per
 * metric, evaluations made while training per metric ({@code eval.every}: bits/dim per set, AUROC
 * per scorer and OOD set...), the sample grids the model wrote, and a flow's latent figures, if any.
 */
public record RunFigures(List<Figure> histograms, List<Figure> roc, List<Figure> training, List<Figure> evaluation,
        List<Figure> samples, List<Figure> latents) {
    /** Where the figures go, under the run's artifacts. */
    public static final String DIRECTORY = "figures";

    public List<Figure> all() {
        List<Figure> all = new ArrayList<>(histograms);
        all.addAll(roc);
        all.addAll(training);
        all.addAll(evaluation);
        all.addAll(samples);
        all.addAll(latents);
        return all;
    }

    public static RunFigures build(RunRecord run) {
        Path dir = run.files().artifacts().resolve(DIRECTORY);
        Map<String, Map<String, double[]>> scores = run.scores();
        List<Figure> histograms = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Map<String, double[]>> e : scores.entrySet()) {
            ScoreHistogram.Result h = ScoreHistogram.of(e.getKey(), e.getValue());
            histograms.add(ChartFiles.save(h.chart(), dir, "histogram_" + n++ + "_" + fileSafe(e.getKey()),
                    "Scores: " + e.getKey(), h.caption()));
        }
        List<Figure> roc = new ArrayList<>();
        String in = run.inDistribution();
        List<String> oods = run.oodSets();
        for (int o = 0; o < oods.size(); o++) {
            String ood = oods.get(o);
            Map<String, double[][]> byScorer = new LinkedHashMap<>();
            for (String scorer : run.results().path("metrics").properties().stream().map(Map.Entry::getKey).toList()) {
                Map<String, double[]> s = scores.get(scorer);
                if (s != null && s.containsKey(in) && s.containsKey(ood)) {
                    byScorer.put(scorer, new double[][] {s.get(in), s.get(ood)});
                }
            }
            if (byScorer.isEmpty()) continue;
            XYChart chart = RocChart.of(in, ood, byScorer);
            roc.add(ChartFiles.save(chart, dir, "roc_" + o + "_" + fileSafe(ood), "ROC: " + ood,
                    "In-distribution (" + in + ") is the positive class; a curve above the diagonal separates the sets."));
        }
        Map<String, List<RunRecord.Curve>> byMetric = new LinkedHashMap<>();
        for (RunRecord.Curve c : run.trainingCurves()) byMetric.computeIfAbsent(c.metric(), k -> new ArrayList<>()).add(c);
        List<Figure> training = new ArrayList<>();
        int t = 0;
        for (Map.Entry<String, List<RunRecord.Curve>> e : byMetric.entrySet()) {
            XYChart chart = TrainingChart.of(e.getKey(), e.getValue());
            if (chart.getSeriesMap().isEmpty()) continue;
            training.add(ChartFiles.save(chart, dir, "training_" + t++ + "_" + fileSafe(e.getKey()),
                    "Training: " + e.getKey(), "Logged every few steps from metrics.jsonl, one line per model of the run."));
        }
        Map<String, List<RunRecord.Curve>> evalByMetric = new LinkedHashMap<>();
        for (RunRecord.Curve c : run.evaluationCurves()) {
            evalByMetric.computeIfAbsent(c.metric(), k -> new ArrayList<>()).add(c);
        }
        List<Figure> evaluation = new ArrayList<>();
        int v = 0;
        for (Map.Entry<String, List<RunRecord.Curve>> e : evalByMetric.entrySet()) {
            boolean bits = e.getKey().equals("bits_per_dim");
            String title = "Over training: " + e.getKey() + (bits ? " per set" : " per scorer and OOD set");
            XYChart chart = TrainingChart.of(title, e.getKey(), e.getValue());
            if (chart.getSeriesMap().isEmpty()) continue;
            evaluation.add(ChartFiles.save(chart, dir, "over_training_" + v++ + "_" + fileSafe(e.getKey()), title,
                    bits ? "Mean bits/dim of the test and OOD sets at each evaluation while training (eval.every)."
                            : "The metric at each evaluation while training (eval.every), in-distribution test set as "
                                    + "the positive class."));
        }
        List<Figure> samples = new ArrayList<>();
        for (Path p : run.sampleImages()) {
            String name = run.files().artifacts().relativize(p).toString().replace('\\', '/');
            samples.add(new Figure("Samples: " + name, name + ", written by the model during the run.", p, null));
        }
        List<Figure> latents = new ArrayList<>();
        for (Path p : run.latentImages()) {
            String name = run.files().artifacts().relativize(p).toString().replace('\\', '/');
            latents.add(new Figure("Latents: " + name, "Rows: images of the set and, right of each, its latents z = f(x) "
                    + "by level (each channel a tile; z from -3 black to 3 white; coarse levels scaled up).", p, null));
        }
        return new RunFigures(histograms, roc, training, evaluation, samples, latents);
    }

    static String fileSafe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return out.length() > 60 ? out.substring(0, 60) : out;
    }
}
