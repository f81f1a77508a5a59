package org.oodrunner.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.ComponentContext;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.metrics.MetricValue;
import org.oodrunner.framework.metrics.PercentileBootstrap;
import org.oodrunner.framework.metrics.ScoreComparison;
import org.oodrunner.framework.metrics.ScoreFile;
import org.oodrunner.framework.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runner metrics --in SCORES --ood SCORES}: OOD metrics with bootstrap intervals for scores made elsewhere. */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = {
    "Compute OOD metrics, with bootstrap confidence intervals, from two score files (CSV or JSON lines).",
    "Higher scores mean more in-distribution; the in-distribution set is the positive class.",
    "CSV: a header row names the columns (or a single unnamed column); JSON lines: one object or number per line."})
final class MetricsCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "scores of the in-distribution set")
    Path in;

    @Option(names = "--ood", required = true, paramLabel = "FILE", description = "scores of an OOD set (repeatable)")
    List<Path> ood;

    @Option(names = "--column", paramLabel = "NAME",
            description = "the column (CSV) or field (JSON) holding the score (default: 'score', or the only one)")
    String column;

    @Option(names = "--in-where", paramLabel = "COL=VALUE", description = "only rows of --in whose COL equals VALUE")
    String inWhere;

    @Option(names = "--ood-where", paramLabel = "COL=VALUE", description = "only rows of --ood whose COL equals VALUE")
    String oodWhere;

    @Option(names = "--metric", paramLabel = "NAME", split = ",",
            defaultValue = "auroc,aupr_in,aupr_out,fpr_at_95_tpr,detection_error",
            description = "metrics to compute, with their default parameters (default: ${DEFAULT-VALUE})")
    List<String> metrics;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "bootstrap resamples; 0: no intervals (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--level", paramLabel = "P", defaultValue = "0.95",
            description = "coverage of the intervals (default: ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (resamples < 0) throw new BadInputException("--resamples must be 0 or more, got " + resamples);
        if (!(level > 0 && level <= 1)) throw new BadInputException("--level must be in (0, 1], got " + level);
        ComponentRegistry registry = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null))
                .getInstance(ComponentRegistry.class);
        ScoreComparison comparison = new ScoreComparison(
                ScoreComparison.defaultMetrics(registry, metrics, new ComponentContext(RunSettings.defaultDataRoot(), seed)),
                resamples == 0 ? null : new PercentileBootstrap(resamples, level, seed));
        double[] inScores = new ScoreFile(in, column, inWhere).read();
        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("in", in.toString());
        report.put("n_in", inScores.length);
        var results = report.putArray("ood");
        PrintWriter out = command.commandLine().getOut();
        for (Path file : ood) {
            double[] oodScores = new ScoreFile(file, column, oodWhere).read();
            Map<String, MetricValue> values = comparison.compare(inScores, oodScores);
            ObjectNode r = results.addObject();
            r.put("file", file.toString());
            r.put("n", oodScores.length);
            ObjectNode m = r.putObject("metrics");
            values.forEach((name, v) -> {
                ObjectNode e = m.putObject(name);
                e.put("value", v.value());
                if (v.interval() != null) {
                    e.put("ci_low", v.interval().low());
                    e.put("ci_high", v.interval().high());
                    e.put("level", v.interval().level());
                    e.put("resamples", v.interval().resamples());
                }
            });
            if (!json) out.print(table(in, inScores.length, file, oodScores.length, values));
        }
        if (json) out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        out.flush();
        return 0;
    }

    private String table(Path inFile, int nIn, Path oodFile, int nOod, Map<String, MetricValue> values) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "in-distribution: %s (n=%d)%nOOD:             %s (n=%d)%n", inFile, nIn, oodFile, nOod));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"metric", "value", resamples == 0 ? "" : String.format(Locale.ROOT, "%.0f%% interval", 100 * level)});
        values.forEach((name, v) -> rows.add(new String[] {name, String.format(Locale.ROOT, "%.4f", v.value()),
                v.interval() == null ? "" : String.format(Locale.ROOT, "[%.4f, %.4f]", v.interval().low(), v.interval().high())}));
        int[] w = new int[3];
        for (String[] r : rows) for (int c = 0; c < 3; c++) w[c] = Math.max(w[c], r[c].length());
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-" + w[0] + "s  %" + w[1] + "s  %s%n", r[0], r[1], r[2]));
        }
        return sb.append('\n').toString();
    }
}
