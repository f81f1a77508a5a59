package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.IdxFixtures;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.metrics.CsvRecords;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.evaluate.RunEvaluator;

/**
 * {@code runner evaluate RUN_DIR} on a run trained here (the gaussian model on tiny IDX files,
 * normalised with statistics measured on the training set, early stopping): the same sets score
 * as the run scored them, added sets and scorers come out beside them, the run's own files stay
 * byte for byte, and what cannot be evaluated is refused in one line.
 */
class EvaluateCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path dataRoot;
    static Path runDir;

    @BeforeAll
    static void trainOneRun() throws IOException {
        dataRoot = shared.resolve("data");
        IdxFixtures.writeTinyMnistFamily(dataRoot, 64, 32);
        Path spec = shared.resolve("tiny.yaml");
        Files.writeString(spec, """
                name: evaluated
                seed: 7
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                  preprocess: {transform: normalize}
                  validation: {size: 16}
                model: {type: gaussian}
                train:
                  steps: 24
                  batch_size: 16
                  log_every: 4
                  eval_every: 4
                  checkpoint_every: 8
                  early_stopping: {patience: 2}
                  optimizer: {lr: 0.05}
                eval: {batch_size: 20, bootstrap: {resamples: 40}}
                """);
        Cli run = Cli.run("run", spec.toString(), "--out", shared.resolve("runs").toString(), "--data-root", dataRoot.toString());
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> s = Files.list(shared.resolve("runs"))) {
            runDir = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    static Cli evaluate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("evaluate", runDir.toString(), "--data-root", dataRoot.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aStopWhileScoringEndsTheEvaluationAtTheNextBatchAsKilled(@TempDir Path tmp) throws IOException {
        Injector injector = Injectors.create(new RunSettings(runDir.getParent(), dataRoot, null));
        StopSignal stop = injector.getInstance(StopSignal.class);
        // The first progress drawn (after the first scored batch) stands in for Ctrl-C.
        PrintStream signalOnFirstDraw = new PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void print(String s) {
                stop.request("a test's stop");
            }
        };
        Path out = tmp.resolve("stopped");
        RunInterruptedException e = assertThrows(RunInterruptedException.class,
                () -> injector.getInstance(RunEvaluator.class).evaluate(runDir, List.of(), out,
                        new Progress(signalOnFirstDraw, true)));
        assertTrue(e.getMessage().startsWith("interrupted while computing"), e.getMessage());
        assertTrue(e.getMessage().endsWith("continue with: runner evaluate " + runDir.toAbsolutePath().normalize()
                + " (stopped is kept, marked KILLED)"), e.getMessage());
        JsonNode record = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("KILLED", record.path("status").asText(), record.toString());
        assertEquals("score", record.path("failure").path("stage").asText(), record.toString());
        assertFalse(Files.exists(out.resolve("results.json")), "an interrupted evaluation has no results");
        // The run can be evaluated again straight away: the interruption released its lock.
        Cli again = evaluate();
        assertEquals(0, again.exitCode(), again.err());
    }

    @Test
    void reScoresTheRunsSetsExactlyAsTheRunScoredThem() throws IOException {
        Cli cli = evaluate();
        assertEquals(0, cli.exitCode(), cli.err());
        Path evaluation = onlyEvaluationWrittenBy(cli);
        assertTrue(evaluation.startsWith(runDir.resolve("evaluations")), evaluation.toString());
        assertTrue(cli.out().contains("auroc") && cli.out().contains("mnist/test"), cli.out());

        Map<String, Double> run = scores(runDir);
        Map<String, Double> again = scores(evaluation);
        assertEquals(run.keySet(), again.keySet());
        run.forEach((key, value) -> assertEquals(value, again.get(key), 1e-6 * Math.max(1, Math.abs(value)), key));

        JsonNode before = results(runDir);
        JsonNode after = results(evaluation);
        assertEquals(before.path("training"), after.path("training"));
        assertEquals(before.at("/metrics/log_likelihood/mnist~1test/auroc").asDouble(),
                after.at("/metrics/log_likelihood/mnist~1test/auroc").asDouble(), 1e-12);
        JsonNode record = JSON.readTree(evaluation.resolve("run.json").toFile());
        assertEquals("evaluation", record.path("kind").asText());
        assertEquals("FINISHED", record.path("status").asText());
        assertEquals(before.at("/training/steps").asLong(), record.at("/evaluates/step").asLong());
        // The report shows the trained model's curves: the run's training log up to the checkpoint comes along.
        assertTrue(Files.readString(evaluation.resolve("metrics.jsonl")).contains("\"train/loss\""));
        assertTrue(Files.isRegularFile(evaluation.resolve("artifacts/report.html")));
        Map<String, String> params = stringMap(evaluation.resolve("params.json"));
        assertEquals(stringMap(runDir.resolve("params.json")).get("data.preprocess.measured_mean"),
                params.get("data.preprocess.measured_mean"));
    }

    @Test
    void addsAnOodSetAndAScorerWithoutTouchingTheRunsFiles() throws IOException {
        Map<Path, byte[]> before = runFiles();
        Path out = shared.resolve("with-noise");
        Cli cli = evaluate("--out", out.toString(),
                "--set", "scorers=[log_likelihood, input_complexity]",
                "--set", "data.ood=[{dataset: mnist, split: test}, "
                        + "{dataset: uniform_noise, split: test, count: 12, height: 28, width: 28, channels: 1}]");
        assertEquals(0, cli.exitCode(), cli.err());
        assertEquals(out.toAbsolutePath().normalize(), onlyEvaluationWrittenBy(cli));

        JsonNode results = results(out);
        assertEquals(12, results.at("/datasets/uniform_noise~1test/n").asInt());
        for (String scorer : List.of("log_likelihood", "input_complexity")) {
            for (String ood : List.of("mnist~1test", "uniform_noise~1test")) {
                double auroc = results.at("/metrics/" + scorer + "/" + ood + "/auroc").asDouble(-1);
                assertTrue(auroc >= 0 && auroc <= 1, scorer + " " + ood + ": " + results);
            }
        }
        assertTrue(cli.out().contains("input_complexity") && cli.out().contains("uniform_noise/test"), cli.out());
        // The sets the run scored keep their scores; the new ones are added.
        Map<String, Double> run = scores(runDir);
        Map<String, Double> again = scores(out);
        run.forEach((key, value) -> assertEquals(value, again.get(key), 1e-6 * Math.max(1, Math.abs(value)), key));
        assertTrue(again.containsKey("uniform_noise/test#0#input_complexity"), again.keySet().toString());

        Map<Path, byte[]> after = runFiles();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " changed"));
    }

    @Test
    void refusesOverridesThatWouldChangeTheTrainedModel() throws IOException {
        long evaluations = evaluationCount();
        for (String[] refused : new String[][] {
            {"model.hidden=3", "model.hidden"},
            {"train.steps=5", "train.steps"},
            {"data.preprocess.transform=logit", "data.preprocess.transform"},
            {"data.train={dataset: mnist, split: test}", "data.train"},
            {"seed=1", "seed"}}) {
            Cli cli = evaluate("--set", refused[0]);
            assertEquals(2, cli.exitCode(), refused[0] + ": " + cli.err());
            assertOneLine(cli);
            assertTrue(cli.err().contains("--set " + refused[0]) && cli.err().contains("cannot change " + refused[1]),
                    cli.err());
            assertTrue(cli.err().contains("data.ood"), "says what may change: " + cli.err());
        }
        Path full = Files.createDirectories(shared.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Cli cli = evaluate("--out", full.toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertOneLine(cli);
        assertTrue(cli.err().contains("already holds files"), cli.err());
        assertEquals("mine", Files.readString(full.resolve("keep.txt")));
        assertEquals(evaluations, evaluationCount());
    }

    @Test
    void aDirectoryThatIsNotATrainedRunIsRefusedInOneLine() throws IOException {
        Path empty = Files.createDirectories(shared.resolve("not-a-run"));
        Cli notRun = Cli.run("evaluate", empty.toString());
        assertEquals(2, notRun.exitCode(), notRun.err());
        assertOneLine(notRun);
        assertTrue(notRun.err().contains("is not a run directory"), notRun.err());

        // A run that failed before training saved a checkpoint: its OOD set is missing from this data root.
        Path onlyFashion = shared.resolve("only-fashion");
        IdxFixtures.write(onlyFashion.resolve("fashion_mnist"), "train", 32, 1, true);
        IdxFixtures.write(onlyFashion.resolve("fashion_mnist"), "t10k", 16, 2, true);
        Path spec = shared.resolve("failing.yaml");
        Files.writeString(spec, """
                name: failing
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                model: {type: gaussian}
                train: {steps: 4, batch_size: 8}
                """);
        Path store = shared.resolve("failed-runs");
        Cli failed = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", onlyFashion.toString());
        assertEquals(1, failed.exitCode(), failed.err());
        Path failedRun;
        try (Stream<Path> s = Files.list(store)) {
            failedRun = s.findFirst().orElseThrow();
        }
        Cli noCheckpoint = Cli.run("evaluate", failedRun.toString(), "--data-root", onlyFashion.toString());
        assertEquals(2, noCheckpoint.exitCode(), noCheckpoint.err());
        assertOneLine(noCheckpoint);
        assertTrue(noCheckpoint.err().contains("has no checkpoint") && noCheckpoint.err().contains("stage 'data'"),
                noCheckpoint.err());
        assertFalse(Files.exists(failedRun.resolve("evaluations")));

        Cli evaluation = evaluate("--out", shared.resolve("evaluation-of-evaluation").toString());
        assertEquals(0, evaluation.exitCode(), evaluation.err());
        Cli again = Cli.run("evaluate", shared.resolve("evaluation-of-evaluation").toString());
        assertEquals(2, again.exitCode(), again.err());
        assertOneLine(again);
        assertTrue(again.err().contains("is an evaluation, not a run"), again.err());
    }

    @Test
    void aCheckpointOfAnotherGraphFailsInOneLine() throws IOException {
        // The same run's directory, its checkpoint replaced by one of a model on 14x14 images: as if the code had changed.
        Path store = Files.createDirectories(shared.resolve("swapped"));
        Path copy = store.resolve(runDir.getFileName());
        copyTree(runDir, copy);
        Path spec = shared.resolve("small.yaml");
        Files.writeString(spec, """
                name: small
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: test}]
                  preprocess: {resize: 14}
                model: {type: gaussian}
                train: {steps: 2, batch_size: 16}
                """);
        Cli small = Cli.run("run", spec.toString(), "--out", store.resolve("small-runs").toString(), "--data-root",
                dataRoot.toString());
        assertEquals(0, small.exitCode(), small.err());
        Path smallCheckpoint = latestCheckpoint(onlyDir(store.resolve("small-runs")));
        Path checkpoint = latestCheckpoint(copy);
        try (Stream<Path> s = Files.list(checkpoint)) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("variables")).toList()) Files.delete(f);
        }
        try (Stream<Path> s = Files.list(smallCheckpoint)) {
            for (Path f : s.filter(f -> f.getFileName().toString().startsWith("variables")).toList()) {
                Files.copy(f, checkpoint.resolve(f.getFileName()));
            }
        }
        Cli cli = Cli.run("evaluate", copy.toString(), "--data-root", dataRoot.toString());
        assertEquals(1, cli.exitCode(), cli.err());
        assertOneLine(cli);
        assertTrue(cli.err().contains("cannot load the checkpoint " + checkpoint), cli.err());
        Path evaluation = onlyDir(copy.resolve("evaluations"));
        JsonNode record = JSON.readTree(evaluation.resolve("run.json").toFile());
        assertEquals("FAILED", record.path("status").asText());
        assertEquals("restore", record.at("/failure/stage").asText());
    }

    @Test
    void aRunWithATrackingServerIsEvaluatedLocally() throws IOException {
        // Tracking is outside the spec hash, so the copy stays the same run; nothing listens on port 9.
        Path copy = Files.createDirectories(shared.resolve("tracked")).resolve(runDir.getFileName());
        copyTree(runDir, copy);
        Files.writeString(copy.resolve("spec.yaml"), "tracking: {uri: 'http://127.0.0.1:9', flush_seconds: 1}\n",
                java.nio.file.StandardOpenOption.APPEND);
        Cli cli = Cli.run("evaluate", copy.toString(), "--data-root", dataRoot.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        Path evaluation = onlyEvaluationWrittenBy(cli);
        assertTrue(Files.isRegularFile(evaluation.resolve("results.json")));
        assertFalse(Files.exists(evaluation.resolve("mlflow-sync.json")));
        assertFalse(Files.exists(copy.resolve("mlflow-sync.json")));
    }

    @Test
    void helpSaysWhatItDoesAndWhatMayBeOverridden() {
        Cli cli = Cli.run("evaluate", "--help");
        assertEquals(0, cli.exitCode(), cli.err());
        for (String s : List.of("RUN_DIR", "--set", "--out", "checkpoint", "data.ood", "evaluations/")) {
            assertTrue(cli.out().contains(s), s + " in: " + cli.out());
        }
        assertTrue(Cli.run("--help").out().contains("evaluate"));
    }

    // --- helpers ---

    private static void assertOneLine(Cli cli) {
        assertFalse(cli.printedStackTrace(), cli.err());
        List<String> lines = cli.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, lines.size(), cli.err());
    }

    /** The directory the command says it wrote. */
    private static Path onlyEvaluationWrittenBy(Cli cli) {
        String marker = " written to ";
        String line = cli.out().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow(() -> new AssertionError(cli.out()));
        return Path.of(line.substring(line.indexOf(marker) + marker.length()).trim());
    }

    /** scores.csv as "dataset#index#column" -> value. */
    private static Map<String, Double> scores(Path dir) {
        List<CsvRecords.Row> rows = CsvRecords.read(dir.resolve("artifacts/scores.csv"));
        List<String> header = rows.get(0).fields();
        Map<String, Double> out = new HashMap<>();
        for (CsvRecords.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            for (int c = 3; c < header.size(); c++) {
                out.put(f.get(0) + "#" + f.get(2) + "#" + header.get(c), Double.parseDouble(f.get(c)));
            }
        }
        return out;
    }

    private static JsonNode results(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("results.json").toFile());
    }

    private static Map<String, String> stringMap(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Every file of the run outside its evaluations (and its lock, which evaluate holds). */
    private static Map<Path, byte[]> runFiles() throws IOException {
        Map<Path, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(runDir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path rel = runDir.relativize(f);
                if (rel.startsWith("evaluations") || rel.toString().equals("run.lock")) continue;
                out.put(rel, Files.readAllBytes(f));
            }
        }
        return out;
    }

    private static long evaluationCount() throws IOException {
        Path dir = runDir.resolve("evaluations");
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static Path latestCheckpoint(Path run) throws IOException {
        JsonNode index = JSON.readTree(run.resolve("checkpoints/index.json").toFile());
        return run.resolve("checkpoints").resolve(index.path("latest").asText());
    }

    private static Path onlyDir(Path parent) throws IOException {
        try (Stream<Path> s = Files.list(parent)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), dirs.toString());
            return dirs.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path rel = from.relativize(p);
                if (rel.startsWith("evaluations")) continue;
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
