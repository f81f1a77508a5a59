package org.oodrunner.framework.track.mlflow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunTag;
import org.oodrunner.framework.errors.BadInputException;

/**
 * A table of an experiment's runs from MLflow's search API ({@code runner compare}): one row per
 * run with the params that differ between the runs (a grid's axes, typically) and the final value
 * of each result metric. Grid parent runs hold no results and are left out.
 */
public final class RunComparison {
    /** Params that never tell runs apart usefully. */
    private static final Set<String> NOT_KEY_PARAMS = Set.of("description", "name");

    /** The table, and how many grid parent runs the search also matched. */
    public record Table(List<String> header, List<List<String>> rows, int gridRuns) {}

    private RunComparison() {}

    /**
     * @param filter an MLflow search filter ({@code metrics.x > 0.9 and params.model.type = 'glow'}), or null
     * @param sortBy a metric key, or the last part of one ({@code auroc}); null keeps MLflow's order (newest first)
     */
    public static Table of(MlflowConnection server, String experiment, String filter, String sortBy, boolean ascending,
            int max) {
        String experimentId = server.findExperiment(experiment).orElseThrow(() -> new BadInputException(
                "no experiment '" + experiment + "' on " + server.target() + "; the runs' tracking.experiment names it"));
        List<Run> found;
        try {
            found = server.search(List.of(experimentId), filter == null ? "" : filter, max);
        } catch (MlflowRejectedException e) {
            throw new BadInputException("--filter '" + filter + "': " + e.getMessage()
                    + " (e.g. metrics.`log_likelihood/mnist/test/auroc` > 0.9 and params.model.type = 'glow')", e);
        }
        List<Run> runs = new ArrayList<>();
        int grids = 0;
        for (Run r : found) {
            if (hasTag(r, SystemTags.KIND, LocalRun.KIND_GRID)) grids++;
            else runs.add(r);
        }
        List<Map<String, String>> params = new ArrayList<>();
        List<Map<String, Double>> metrics = new ArrayList<>();
        Set<String> metricKeys = new TreeSet<>();
        for (Run r : runs) {
            Map<String, String> p = new LinkedHashMap<>();
            for (Param x : r.getData().getParamsList()) p.put(x.getKey(), x.getValue());
            params.add(p);
            Map<String, Double> m = new LinkedHashMap<>();
            for (Metric x : r.getData().getMetricsList()) {
                if (x.getKey().startsWith("train/") && !x.getKey().equals("train/loss")) continue;
                m.put(x.getKey(), x.getValue());
                metricKeys.add(x.getKey());
            }
            metrics.add(m);
        }
        List<String> keyParams = keyParams(params);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) order.add(i);
        if (sortBy != null) {
            String key = metricKey(sortBy, metricKeys);
            Comparator<Integer> byValue = Comparator.comparing(i -> metrics.get(i).get(key),
                    Comparator.nullsLast(ascending ? Comparator.<Double>naturalOrder() : Comparator.<Double>reverseOrder()));
            order.sort(byValue);
        }
        List<String> header = new ArrayList<>(List.of("run", "status"));
        header.addAll(keyParams);
        header.addAll(metricKeys);
        List<List<String>> rows = new ArrayList<>();
        for (int i : order) {
            Run r = runs.get(i);
            List<String> row = new ArrayList<>();
            row.add(r.getInfo().getRunName());
            row.add(r.getInfo().getStatus().name());
            for (String p : keyParams) row.add(params.get(i).getOrDefault(p, ""));
            for (String m : metricKeys) {
                Double v = metrics.get(i).get(m);
                row.add(v == null ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            rows.add(row);
        }
        return new Table(header, rows, grids);
    }

    /** The params whose values differ between runs, and the model type. */
    private static List<String> keyParams(List<Map<String, String>> params) {
        Set<String> all = new TreeSet<>();
        params.forEach(p -> all.addAll(p.keySet()));
        List<String> out = new ArrayList<>();
        if (all.contains("model.type")) out.add("model.type");
        for (String k : all) {
            if (NOT_KEY_PARAMS.contains(k) || out.contains(k)) continue;
            long distinct = params.stream().map(p -> p.getOrDefault(k, "")).distinct().count();
            if (distinct > 1) out.add(k);
        }
        return out;
    }

    private static String metricKey(String sortBy, Set<String> keys) {
        if (keys.contains(sortBy)) return sortBy;
        List<String> matches = keys.stream().filter(k -> k.endsWith("/" + sortBy)).toList();
        if (matches.size() == 1) return matches.get(0);
        if (matches.isEmpty()) {
            throw new BadInputException("--sort " + sortBy + ": no run has that metric; metrics: " + String.join(", ", keys));
        }
        throw new BadInputException("--sort " + sortBy + " could be " + String.join(" or ", matches) + "; give the whole key");
    }

    static boolean hasTag(Run r, String key, String value) {
        for (RunTag t : r.getData().getTagsList()) {
            if (t.getKey().equals(key) && t.getValue().equals(value)) return true;
        }
        return false;
    }
}
