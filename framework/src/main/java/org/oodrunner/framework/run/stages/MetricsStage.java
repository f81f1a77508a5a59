package org.oodrunner.framework.run.stages;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oodrunner.framework.run.PlannedMetric;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;

/** Compares the in-distribution test scores with each OOD set's, for every scorer and metric. */
public final class MetricsStage implements Stage {
    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void run(RunContext ctx) {
        for (Map.Entry<String, Map<String, double[]>> byScorer : ctx.scores().entrySet()) {
            String scorer = byScorer.getKey();
            double[] in = byScorer.getValue().get(ctx.testLabel());
            for (String ood : ctx.oodLabels()) {
                double[] out = byScorer.getValue().get(ood);
                Map<String, Double> values = new LinkedHashMap<>();
                for (PlannedMetric m : ctx.plan().metrics()) {
                    double v = m.metric().compute(in, out);
                    values.put(m.name(), v);
                    ctx.tracker().logMetric(scorer + "/" + ood + "/" + m.name(), v, ctx.trainedSteps());
                }
                ctx.metrics().computeIfAbsent(scorer, k -> new LinkedHashMap<>()).put(ood, values);
            }
        }
    }
}
