package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    void curvesAreTheMeanAndSampleSdOverTheSeedsAtEveryEvaluationStep() throws IOException {
        Path spec = work.resolve("curved.yaml");
        Files.writeString(spec, TinyData.spec("curved", "table", 4, "")
                .replace("eval: {batch_size: 32}", "eval: {batch_size: 32, every: 2}"));
        List<Path> dirs = new java.util.ArrayList<>();
        for (int seed : new int[] {0, 1}) {
            Path store = work.resolve("runs" + seed);
            Cli run = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                    "--set", "seed=" + seed);
            assertEquals(0, run.exitCode(), run.err());
            dirs.add(LocalStore.only(store, "curved-"));
        }
        Cli table = Cli.run("table", dirs.get(0).toString(), dirs.get(1).toString(), "--curves");
        assertEquals(0, table.exitCode(), table.err());
        String md = table.out();
        assertTrue(md.contains("#### Detection over training: curved (mean ± sample sd over 2 seeds)"), md);
        assertTrue(md.contains("| step | fashion_mnist/test bits/dim | mnist/test bits/dim | log_likelihood/mnist/test auroc |"), md);
        for (int step : new int[] {0, 2, 4}) {
            String row = "| " + step + " | " + cell(dirs, "eval/fashion_mnist/test/bits_per_dim", step) + " | "
                    + cell(dirs, "eval/mnist/test/bits_per_dim", step) + " | "
                    + cell(dirs, "eval/log_likelihood/mnist/test/auroc", step) + " |";
            assertTrue(md.contains(row), row + " in\n" + md);
        }
    }

    @Test
    void theCurvesAreOnePerGroupOfSeedsNeverAMeanAcrossAGridsOtherAxes() throws IOException {
        Path store = work.resolve("runs");
        Path spec = work.resolve("axes.yaml");
        Files.writeString(spec, TinyData.spec("axes", "table", 4, "grid:\n  seed: [0, 1]\n  train.batch_size: [8, 16]\n")
                .replace("eval: {batch_size: 32}", "eval: {batch_size: 32, every: 2}"));
        Cli run = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, run.exitCode(), run.err());
        Path grid = LocalStore.only(store, "axes-grid-");
        // With or without --seeds: a mean across batch sizes would be a curve of no experiment.
        for (List<String> args : List.of(List.of("--seeds", "--curves"), List.of("--curves"))) {
            List<String> argv = new ArrayList<>(List.of("table", grid.toString()));
            argv.addAll(args);
            assertCurvePerBatchSize(store, grid, Cli.run(argv.toArray(String[]::new)));
        }
    }

    private static void assertCurvePerBatchSize(Path store, Path grid, Cli table) throws IOException {
        assertEquals(0, table.exitCode(), table.err());
        String md = table.out();
        assertFalse(md.contains("over 4"), md);
        // The grid's points, grouped by batch size: each curve is the mean over that group's two seeds.
        JsonNode points = LocalStore.runJson(grid).path("points");
        for (int batch : new int[] {8, 16}) {
            List<Path> group = new java.util.ArrayList<>();
            for (JsonNode p : points) {
                Path dir = store.resolve(p.path("dir").asText());
                if (new ObjectMapper().readTree(dir.resolve("spec.effective.json").toFile()).at("/train/batch_size").asInt() == batch) {
                    group.add(dir);
                }
            }
            assertEquals(2, group.size());
            int heading = md.indexOf("#### Detection over training: axes[train.batch_size=" + batch + "] (mean ± sample sd over 2 seeds)");
            assertTrue(heading >= 0, md);
            String row = "| 4 | " + cell(group, "eval/fashion_mnist/test/bits_per_dim", 4) + " | ";
            assertTrue(md.indexOf(row, heading) > heading, row + " after the heading in\n" + md);
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
    void aGridOverSeedsIsOneGroupAndFeedsTheClaimsTable() throws IOException {
        Path store = work.resolve("runs");
        Path gridSpec = work.resolve("seeds.yaml");
        Files.writeString(gridSpec, TinyData.spec("seeds", "table", 4, "grid:\n  seed: [0, 1, 2]\n"));
        Cli grid = Cli.run("run", gridSpec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, grid.exitCode(), grid.err());
        Path otherSpec = work.resolve("other.yaml");
        Files.writeString(otherSpec, TinyData.spec("seeds", "table", 4, "").replace("lr: 0.01", "lr: 0.05"));
        Cli other = Cli.run("run", otherSpec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, other.exitCode(), other.err());
        Path gridDir = LocalStore.only(store, "seeds-grid-");
        List<String> pointDirs = new ArrayList<>();
        LocalStore.runJson(gridDir).path("points").forEach(p -> pointDirs.add(p.path("dir").asText()));
        Path otherDir;
        try (var s = Files.list(store)) {
            otherDir = s.filter(p -> p.getFileName().toString().startsWith("seeds-") && !p.equals(gridDir)
                    && !pointDirs.contains(p.getFileName().toString())).findFirst().orElseThrow();
        }

        List<JsonNode> points = new ArrayList<>();
        for (JsonNode p : LocalStore.runJson(gridDir).path("points")) {
            points.add(new ObjectMapper().readTree(store.resolve(p.path("dir").asText()).resolve("results.json").toFile()));
        }
        assertEquals(3, points.size());
        double[] auroc = points.stream().mapToDouble(r -> r.at("/metrics/log_likelihood/mnist~1test/auroc").asDouble()).toArray();
        double[] bpd = points.stream().mapToDouble(r -> r.at("/datasets/mnist~1test/bits_per_dim/mean").asDouble()).toArray();

        Cli table = Cli.run("table", gridDir.toString(), otherDir.toString(), "--seeds");
        assertEquals(0, table.exitCode(), table.err());
        String md = table.out();
        assertTrue(md.contains("### seeds {train.optimizer.lr=0.01}: 3 seeds (0, 1, 2)"), md);
        assertTrue(md.contains("### seeds {train.optimizer.lr=0.05}: 1 seed (0)"), md);
        assertTrue(md.contains("| mnist/test | ood | 32 | " + spread(bpd) + " |"), md);
        assertTrue(md.contains("| log_likelihood | mnist/test | " + spread(auroc) + " |"), md);
        assertEquals(4, md.lines().filter(l -> l.startsWith("| seeds") && l.contains(" CPUs")).count(), md);

        long holding = java.util.Arrays.stream(auroc).filter(a -> a < 0.5).count();
        Path claims = work.resolve("claims.yaml");
        Files.writeString(claims, """
                claims:
                  - claim: the likelihood prefers the digits
                    paper: Nalisnick et al. 2019
                    runs: [%s]
                    value: /metrics/log_likelihood/mnist~1test/auroc
                    holds_if: "< 0.5"
                    command: runner run seeds.yaml
                    section: "#seeds"
                """.formatted(gridDir.getFileName()));
        Cli rendered = Cli.run("table", "--claims", claims.toString(), "--store", store.toString());
        assertEquals(0, rendered.exitCode(), rendered.err());
        String verdict = holding == 3 ? "yes (3/3 seeds)" : holding == 0 ? "no (0/3 seeds)"
                : "mixed (" + holding + "/3 seeds): the spread crosses 0.5";
        String cell = spread(auroc);
        assertTrue(rendered.out().contains("| " + cell.substring(0, cell.indexOf(" [")) + " (3 seeds) "
                + cell.substring(cell.indexOf(" [") + 1) + " | " + verdict + " |"), rendered.out());
    }

    /** mean ± sample sd [min, max], computed here. */
    private static String spread(double[] v) {
        double mean = java.util.Arrays.stream(v).sum() / v.length;
        double ss = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return String.format(Locale.ROOT, "%.3f ± %.3f [%.3f, %.3f]", mean, Math.sqrt(ss / (v.length - 1)),
                java.util.Arrays.stream(v).min().orElseThrow(), java.util.Arrays.stream(v).max().orElseThrow());
    }

    @Test
    void helpAndMisuseAreClear() {
        Cli help = Cli.run("table", "--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().startsWith("Usage: runner table"), help.out());
        Cli none = Cli.run("table");
        assertEquals(2, none.exitCode());
        assertEquals(List.of("error: name at least one run or grid directory, or a claims file with --claims FILE"),
                none.err().lines().toList());
        Cli both = Cli.run("table", "--claims", "c.yaml", work.toString());
        assertEquals(List.of("error: --claims takes its runs from the claims file: leave out the run directories"),
                both.err().lines().toList());
    }

    @Test
    void aDirectoryWithoutResultsIsOneClearLine() {
        Cli table = Cli.run("table", work.toString());
        assertEquals(2, table.exitCode());
        assertFalse(table.printedStackTrace(), table.err());
        assertEquals(List.of("error: " + work + " is neither a run directory (results.json) nor a grid's record (run.json "
                + "with kind: grid): give <out>/<name>-<hash> or <out>/<name>-grid-<hash>"),
                table.err().lines().toList());
    }
}
