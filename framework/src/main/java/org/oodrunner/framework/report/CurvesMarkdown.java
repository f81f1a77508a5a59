package org.oodrunner.framework.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Detection over training as a Markdown table, generated from runs' {@code eval/} histories
 * (metrics.jsonl, written by {@code eval.every}): a row per evaluation step, a column per set's
 * bits/dim and per scorer's chosen metric. One table per group of runs that are seeds of one
 * configuration ({@link SeedGroups}): each cell is the mean over the group's runs that logged that
 * step, with the sample standard deviation (n - 1) when there are several, so a curve's spread
 * across seeds is visible at every step, not only at the end, and runs of different
 * configurations (a grid's other axes) are never averaged together.
 */
public final class CurvesMarkdown {
    private CurvesMarkdown() {}

    /** One column: a set's bits/dim or a scorer's metric against one OOD set. */
    private record Column(String model, String metric) {
        String header() {
            return metric.equals("bits_per_dim") ? model + " bits/dim" : model + " " + metric;
        }
    }

    /**
     * One table per group of seeds ({@link SeedGroups}, as {@code --seeds} groups them): the runs of a grid
     * over masks and seeds give a curve per mask, each the mean over its seeds, never a mean across masks.
     * A grid's record stands for its points' runs, as in the other tables.
     *
     * @param varies dotted spec paths that may also differ within a group
     * @param metric the detection metric to show per scorer (e.g. auroc); bits/dim per set is always shown
     */
    public static String renderPerGroup(List<Path> runDirs, List<String> varies, String metric) {
        if (runDirs.isEmpty()) throw new BadInputException("name at least one run directory");
        StringBuilder b = new StringBuilder();
        for (SeedGroups.Group g : SeedGroups.of(RunDirectories.read(runDirs), varies)) {
            List<Path> dirs = g.runs().stream().map(FinishedRun::dir).toList();
            b.append(table("#### Detection over training: " + g.name() + " (" + (dirs.size() == 1 ? "one seed"
                    : "mean ± sample sd over " + dirs.size() + " seeds") + ")", dirs, metric));
        }
        return b.toString();
    }

    private static String table(String heading, List<Path> runs, String metric) {
        Map<Column, List<Map<Long, Double>>> byColumn = new LinkedHashMap<>();
        TreeSet<Long> steps = new TreeSet<>();
        for (Path dir : runs) {
            List<RunRecord.Curve> curves = RunRecord.read(dir).evaluationCurves();
            if (curves.isEmpty()) {
                throw new BadInputException(dir + " has no evaluations over training: run its spec with eval.every: N "
                        + "(e.g. --set eval.every=500) to log them");
            }
            for (RunRecord.Curve c : curves) {
                if (!c.metric().equals("bits_per_dim") && !c.metric().equals(metric)) continue;
                Map<Long, Double> points = new LinkedHashMap<>();
                for (int i = 0; i < c.steps().length; i++) {
                    points.put(c.steps()[i], c.values()[i]);
                    steps.add(c.steps()[i]);
                }
                byColumn.computeIfAbsent(new Column(c.model(), c.metric()), k -> new ArrayList<>()).add(points);
            }
        }
        List<Column> columns = new ArrayList<>(byColumn.keySet());
        columns.sort((a, b) -> Boolean.compare(!a.metric().equals("bits_per_dim"), !b.metric().equals("bits_per_dim")));

        StringBuilder b = new StringBuilder();
        b.append(heading).append("\n\n");
        b.append("| step |");
        for (Column c : columns) b.append(' ').append(c.header()).append(" |");
        b.append("\n|---:|");
        b.append("---:|".repeat(columns.size()));
        b.append('\n');
        for (long step : steps) {
            b.append("| ").append(step).append(" |");
            for (Column c : columns) b.append(' ').append(cell(byColumn.get(c), step, runs.size())).append(" |");
            b.append('\n');
        }
        b.append('\n');
        return b.toString();
    }

    private static String cell(List<Map<Long, Double>> runs, long step, int expected) {
        List<Double> values = new ArrayList<>();
        for (Map<Long, Double> run : runs) {
            Double v = run.get(step);
            if (v != null && !v.isNaN()) values.add(v);
        }
        if (values.isEmpty()) return "";
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        String s = String.format(Locale.ROOT, "%.3f", mean);
        if (values.size() > 1) {
            double ss = 0;
            for (double v : values) ss += (v - mean) * (v - mean);
            s += String.format(Locale.ROOT, " ± %.3f", Math.sqrt(ss / (values.size() - 1)));
        }
        // A step some runs did not log (another budget, a run stopped early) must not pass for a full mean.
        if (values.size() < expected) s += " (n=" + values.size() + ")";
        return s;
    }
}
