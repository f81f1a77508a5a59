package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.runner.Cli;

/** {@code runner table}: Markdown tables whose every number and provenance field comes from the run directory. */
class TableCommandTest {
    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    @Test
    void theTablesShowEveryMetricWithItsIntervalAndWhereTheRunCameFrom() throws IOException {
        Path spec = work.resolve("tabled.yaml");
        Files.writeString(spec, TinyData.spec("tabled", "table", 4, "metrics: [auroc, fpr_at_95_tpr]\n")
                .replace("eval: {batch_size: 32}", "eval: {batch_size: 32, bootstrap: {resamples: 50}}"));
        Path store = work.resolve("runs");
        Cli run = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path dir = LocalStore.only(store, "tabled-");

        Cli table = Cli.run("table", dir.toString(), "--format", "markdown");
        assertEquals(0, table.exitCode(), table.err());
        String md = table.out();
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode provenance = LocalStore.runJson(dir).path("provenance");
        assertTrue(md.contains("| run | commit | command | machine | date |"), md);
        assertTrue(md.contains(provenance.path("cpu_model").asText() + ", " + provenance.path("cpus").asText() + " CPUs"), md);
        assertTrue(md.contains("| " + LocalStore.runJson(dir).path("started").asText().substring(0, 10) + " |"), md);
        assertTrue(md.contains("| run | scorer | OOD set | auroc | fpr_at_95_tpr |"), md);
        double auroc = results.at("/metrics/log_likelihood/mnist~1test/auroc").asDouble();
        JsonNode ci = results.at("/metrics/log_likelihood/mnist~1test/auroc".replace("/metrics/", "/metric_intervals/"));
        String cell = String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", auroc, ci.path("low").asDouble(), ci.path("high").asDouble());
        assertTrue(md.contains("| tabled | log_likelihood | mnist/test | " + cell + " |"), md);
        double bpd = results.at("/datasets/mnist~1test/bits_per_dim/mean").asDouble();
        assertTrue(md.contains("| tabled | mnist/test | ood | 32 | " + String.format(Locale.ROOT, "%.3f", bpd) + " |"), md);
    }

    @Test
    void curvesAreTheMeanAndSampleSdOverTheRunsAtEveryEvaluationStep() throws IOException {
        Path store = work.resolve("runs");
        List<Path> dirs = new java.util.ArrayList<>();
        for (int seed : new int[] {0, 1}) {
            Path spec = work.resolve("curved" + seed + ".yaml");
            Files.writeString(spec, TinyData.spec("curved" + seed, "table", 4, "")
                    .replace("seed: 0", "seed: " + seed).replace("eval: {batch_size: 32}", "eval: {batch_size: 32, every: 2}"));
            Cli run = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
            assertEquals(0, run.exitCode(), run.err());
            dirs.add(LocalStore.only(store, "curved" + seed + "-"));
        }
        Cli table = Cli.run("table", dirs.get(0).toString(), dirs.get(1).toString(), "--curves");
        assertEquals(0, table.exitCode(), table.err());
        String md = table.out();
        assertTrue(md.contains("#### Detection over training (mean ± sample sd over 2 runs)"), md);
        assertTrue(md.contains("| step | fashion_mnist/test bits/dim | mnist/test bits/dim | log_likelihood/mnist/test auroc |"), md);
        for (int step : new int[] {0, 2, 4}) {
            String row = "| " + step + " | " + cell(dirs, "eval/fashion_mnist/test/bits_per_dim", step) + " | "
                    + cell(dirs, "eval/mnist/test/bits_per_dim", step) + " | "
                    + cell(dirs, "eval/log_likelihood/mnist/test/auroc", step) + " |";
            assertTrue(md.contains(row), row + " in\n" + md);
        }
    }

    /** The expected cell, computed here from metrics.jsonl: mean and sample sd of the two runs' values at a step. */
    private static String cell(List<Path> dirs, String key, int step) throws IOException {
        ObjectMapper json = new ObjectMapper();
        double[] v = new double[dirs.size()];
        for (int i = 0; i < dirs.size(); i++) {
            v[i] = Double.NaN;
            for (String line : Files.readAllLines(dirs.get(i).resolve("metrics.jsonl"))) {
                JsonNode n = json.readTree(line);
                if (n.path("key").asText().equals(key) && n.path("step").asInt() == step) v[i] = n.path("value").asDouble();
            }
            assertFalse(Double.isNaN(v[i]), key + " at step " + step + " in " + dirs.get(i));
        }
        double mean = (v[0] + v[1]) / 2;
        double sd = Math.abs(v[0] - v[1]) / Math.sqrt(2);
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
    }

    @Test
    void aRunWithoutEvaluationsOverTrainingIsOneClearLine() throws IOException {
        Path spec = work.resolve("flat.yaml");
        Files.writeString(spec, TinyData.spec("flat", "table", 2, ""));
        Path store = work.resolve("runs");
        Cli run = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
        assertEquals(0, run.exitCode(), run.err());
        Path dir = LocalStore.only(store, "flat-");
        Cli table = Cli.run("table", dir.toString(), "--curves");
        assertEquals(2, table.exitCode());
        assertFalse(table.printedStackTrace(), table.err());
        assertEquals(List.of("error: " + dir + " has no evaluations over training: run its spec with eval.every: N "
                + "(e.g. --set eval.every=500) to log them"), table.err().lines().toList());
    }

    @Test
    void aDirectoryWithoutResultsIsOneClearLine() {
        Cli table = Cli.run("table", work.toString());
        assertEquals(2, table.exitCode());
        assertFalse(table.printedStackTrace(), table.err());
        assertEquals(List.of("error: " + work + " has no results.json: give the directory of a finished run"),
                table.err().lines().toList());
    }
}
