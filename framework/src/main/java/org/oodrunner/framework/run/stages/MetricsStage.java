package org.oodrunner.framework.run.stages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.component.BatchTest;
import org.oodrunner.framework.component.BatchTestResult;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.metrics.PercentileBootstrap;
import org.oodrunner.framework.metrics.MetricValue;
import org.oodrunner.framework.metrics.ScoreComparison;
import org.oodrunner.framework.run.PlannedMetric;
import org.oodrunner.framework.run.PlannedScorer;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.spec.model.BootstrapSpec;

/**
 * Compares the in-distribution test scores with each OOD set's, for every scorer and metric,
 * with a bootstrap interval for each value; then runs the batch-level tests of the scorers
 * that have one.
 */
public final class MetricsStage implements Stage {
    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void run(RunContext ctx) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (PlannedMetric m : ctx.plan().metrics()) metrics.put(m.name(), m.metric());
        BootstrapSpec b = ctx.spec().eval().bootstrap();
        // One seed for every scorer and OOD set: intervals of different scorers come from the same resamples.
        ScoreComparison comparison = new ScoreComparison(metrics,
                b.resamples() == 0 ? null : new PercentileBootstrap(b.resamples(), b.level(), ctx.spec().seed()));
        long step = ctx.trainedSteps();
        for (Map.Entry<String, Map<String, double[]>> byScorer : ctx.scores().entrySet()) {
            String scorer = byScorer.getKey();
            double[] in = byScorer.getValue().get(ctx.testLabel());
            for (String ood : ctx.oodLabels()) {
                Map<String, MetricValue> result = comparison.compare(in, byScorer.getValue().get(ood));
                Map<String, Double> values = new LinkedHashMap<>();
                result.forEach((name, v) -> {
                    values.put(name, v.value());
                    String key = scorer + "/" + ood + "/" + name;
                    ctx.tracker().logMetric(key, v.value(), step);
                    if (v.interval() != null) {
                        ctx.metricIntervals().computeIfAbsent(scorer, k -> new LinkedHashMap<>())
                                .computeIfAbsent(ood, k -> new LinkedHashMap<>()).put(name, v.interval());
                        ctx.tracker().logMetric(key + "_ci_low", v.interval().low(), step);
                        ctx.tracker().logMetric(key + "_ci_high", v.interval().high(), step);
                    }
                });
                ctx.metrics().computeIfAbsent(scorer, k -> new LinkedHashMap<>()).put(ood, values);
            }
        }
        for (PlannedScorer s : ctx.plan().scorers()) {
            if (s.scorer() instanceof BatchTest test) batchTests(ctx, s.label(), test, step);
        }
    }

    private static void batchTests(RunContext ctx, String scorer, BatchTest test, long step) {
        ScoringInput in = input(ctx, ctx.testLabel());
        for (String ood : ctx.oodLabels()) {
            List<BatchTestResult> results = test.test(in, input(ctx, ood), ctx.spec().seed());
            ctx.batchTests().computeIfAbsent(scorer, k -> new LinkedHashMap<>()).put(ood, results);
            for (BatchTestResult r : results) {
                String key = scorer + "/" + ood + "/m" + r.batchSize() + "/";
                ctx.tracker().logMetric(key + "detection_rate", r.detectionRate(), step);
                ctx.tracker().logMetric(key + "false_alarm_rate", r.falseAlarmRate(), step);
            }
        }
    }

    private static ScoringInput input(RunContext ctx, String label) {
        return new ScoringInput(ctx.evaluationSets().get(label), ctx.quantities().get(label));
    }
}
