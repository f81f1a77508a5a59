package org.oodrunner.framework.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.component.ComponentContext;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.Suggestions;

/**
 * Compares in-distribution scores with OOD scores under several metrics: each metric's value
 * and, when a bootstrap is given, its confidence interval. What a run's metrics stage and
 * {@code runner metrics} both compute.
 */
public final class ScoreComparison {
    private final Map<String, Metric> metrics;
    private final PercentileBootstrap bootstrap;

    /** @param bootstrap null: values only */
    public ScoreComparison(Map<String, Metric> metrics, PercentileBootstrap bootstrap) {
        this.metrics = new LinkedHashMap<>(metrics);
        this.bootstrap = bootstrap;
    }

    /**
     * The named metrics with their default parameters, as a spec naming them bare would get.
     *
     * @throws BadInputException naming the unknown metric and the known ones
     */
    public static Map<String, Metric> defaultMetrics(ComponentRegistry registry, List<String> names, ComponentContext ctx) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (String name : names) {
            ComponentDescriptor<?, ?> d = registry.get(ComponentKind.METRIC, name);
            if (d == null) {
                throw new BadInputException("unknown metric '" + name + "'"
                        + Suggestions.hint(name, registry.of(ComponentKind.METRIC).keySet()));
            }
            Record params = ComponentRegistry.bindParams(d, Map.of(), new SourceMap(), "");
            metrics.put(name, (Metric) d.create(params, ctx));
        }
        return metrics;
    }

    public Map<String, MetricValue> compare(double[] in, double[] out) {
        Map<String, ConfidenceInterval> intervals = bootstrap == null ? Map.of() : bootstrap.intervals(metrics, in, out);
        Map<String, MetricValue> result = new LinkedHashMap<>();
        metrics.forEach((name, metric) -> result.put(name, new MetricValue(metric.compute(in, out), intervals.get(name))));
        return result;
    }
}
