package org.oodrunner.runner.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.ComponentContext;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.metrics.PercentileBootstrap;
import org.oodrunner.framework.metrics.ScoreComparison;
import org.oodrunner.framework.run.RunSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench metrics}: how the OOD metrics and their bootstrap intervals scale with the
 * number of scores. Times are medians of repeated rounds; time / (n log2 n) should stay flat if
 * the metrics are O(n log n).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true, description = "Time the OOD metrics (O(n log n)) and their bootstrap intervals against n.")
public final class MetricsBenchCommand implements Callable<Integer> {
    @Option(names = "--max-n", paramLabel = "N", defaultValue = "1000000",
            description = "largest number of scores per set (default: ${DEFAULT-VALUE})")
    int maxN;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "bootstrap resamples for the interval timing (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "timing rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        ComponentRegistry registry = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null))
                .getInstance(ComponentRegistry.class);
        Map<String, Metric> metrics = ScoreComparison.defaultMetrics(registry,
                List.of("auroc", "aupr_in", "aupr_out", "fpr_at_95_tpr", "detection_error"),
                new ComponentContext(RunSettings.defaultDataRoot(), 0));
        out.printf(Locale.ROOT, "machine: %d cores available to the JVM, %s %s, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"));
        out.println();
        out.println("| n per set | all 5 metrics, ms | ns / (2n log2 2n) |");
        out.println("|---:|---:|---:|");
        for (int n = 1000; n <= maxN; n *= 10) {
            double[][] s = scores(n, 1);
            double ms = median(() -> metrics.values().forEach(m -> m.compute(s[0], s[1])));
            double perUnit = ms * 1e6 / (2.0 * n * (Math.log(2.0 * n) / Math.log(2)));
            out.printf(Locale.ROOT, "| %d | %.2f | %.2f |%n", n, ms, perUnit);
            out.flush();
        }
        out.println();
        out.println("| n per set | bootstrap, " + resamples + " resamples x 5 metrics, s |");
        out.println("|---:|---:|");
        for (int n = 1000; n <= Math.min(maxN, 100000); n *= 10) {
            double[][] s = scores(n, 2);
            PercentileBootstrap bootstrap = new PercentileBootstrap(resamples, 0.95, 0);
            double ms = median(() -> bootstrap.intervals(metrics, s[0], s[1]));
            out.printf(Locale.ROOT, "| %d | %.2f |%n", n, ms / 1000);
            out.flush();
        }
        return 0;
    }

    private static double[][] scores(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] in = new double[n];
        double[] ood = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = r.nextDouble() + 0.2;
            ood[i] = r.nextDouble();
        }
        return new double[][] {in, ood};
    }

    /** Median wall time in ms over the rounds, after one warm-up. */
    private double median(Runnable work) {
        work.run();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            work.run();
            times.add((System.nanoTime() - t) / 1e6);
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }
}
