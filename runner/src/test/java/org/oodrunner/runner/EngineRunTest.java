package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.FrameworkModule;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.StoredRun;
import org.oodrunner.framework.run.stages.DataStage;
import org.oodrunner.framework.run.stages.ModelStage;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;

/**
 * The engine end to end through the real runner: the gaussian model on tiny Fashion-MNIST IDX
 * files, trained with validation, checkpoints, an interruption and a resume, a divergence, and
 * re-runs of finished runs.
 */
class EngineRunTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long STOP_AT = 10;

    @TempDir
    static Path shared;
    static Path dataRoot;
    static Path spec;

    @BeforeAll
    static void data() throws IOException {
        dataRoot = TinyFashionMnist.write(shared.resolve("data"), 96, 40);
        spec = shared.resolve("engine.yaml");
        Files.writeString(spec, """
                name: engine_test
                seed: 3
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test, classes: [1, 2, 3, 4, 5, 6, 7, 8, 9], label: not_zeros}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]
                  validation: {size: 16}
                model: {type: gaussian}
                train:
                  steps: 24
                  batch_size: 16
                  log_every: 2
                  eval_every: 4
                  checkpoint_every: 8
                  optimizer: {lr: 0.05, warmup_steps: 2, schedule: cosine, weight_decay: 0.01}
                eval: {batch_size: 32}
                """);
    }

    record Cli(int code, String out, String err) {}

    static Cli cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Cli run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString(),
                "--data-root", dataRoot.toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    static Path onlyRun(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), "one run directory in " + store);
            return dirs.get(0);
        }
    }

    /** metrics.jsonl without timestamps: (key, step, value) per line, in order. */
    static List<String> metrics(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            out.add(n.get("key").asText() + "@" + n.get("step").asLong() + "=" + n.get("value").asText());
        }
        return out;
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** A tracker that asks the run to stop once training has logged step {@link #STOP_AT}. */
    static final class StopAtStep implements TrackerFactory {
        private final StopSignal stop;

        @Inject
        StopAtStep(StopSignal stop) {
            this.stop = stop;
        }

        @Override
        public Optional<Tracker> create(ResolvedSpec run, RunFiles files) {
            return Optional.of(new Tracker() {
                @Override public void start(RunInfo info) {}
                @Override public void logParams(Map<String, String> params) {}
                @Override public void setTag(String key, String value) {}
                @Override public void logArtifact(Path file, String artifactPath) {}
                @Override public void finish(RunStatus status) {}

                @Override
                public void logMetric(String key, double value, long step) {
                    if (key.equals("train/loss") && step == STOP_AT) stop.request("stopped by the test");
                }
            });
        }
    }

    /** The runner's injector plus the stopping tracker. */
    static Injector injectorWithStop(Path out) {
        return Injectors.create(new RunSettings(out, dataRoot, null), new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), TrackerFactory.class).addBinding().to(StopAtStep.class);
            }
        });
    }

    @Test
    void anInterruptedRunResumesToTheSameMetricsAndResultsAsAnUninterruptedOne(@TempDir Path tmp) throws IOException {
        Cli whole = run(tmp.resolve("a"));
        assertEquals(0, whole.code(), whole.err());
        Path a = onlyRun(tmp.resolve("a"));

        Injector injector = injectorWithStop(tmp.resolve("b"));
        ResolvedSpec resolved = injector.getInstance(SpecLoader.class)
                .load(spec, spec.toString(), SpecLoader.Options.defaults()).get(0);
        RunInterruptedException stopped = assertThrows(RunInterruptedException.class,
                () -> injector.getInstance(ExperimentRunner.class).run(resolved, spec, Progress.silent()));
        Path b = onlyRun(tmp.resolve("b"));
        assertEquals(130, stopped.exitCode());
        assertTrue(stopped.getMessage().startsWith("interrupted at step " + STOP_AT + " of 24"), stopped.getMessage());
        assertTrue(stopped.getMessage().endsWith("continue with: runner run --resume " + b), stopped.getMessage());
        JsonNode killed = json(b.resolve("run.json"));
        assertEquals("KILLED", killed.get("status").asText());
        assertEquals(STOP_AT, killed.at("/training/steps").asLong());
        assertEquals("interrupted", killed.at("/training/status").asText());

        Cli resumed = cli("run", "--resume", b.toString(), "--data-root", dataRoot.toString());
        assertEquals(0, resumed.code(), resumed.err());
        JsonNode run = json(b.resolve("run.json"));
        assertEquals("FINISHED", run.get("status").asText());
        assertEquals(2, run.get("attempts").asInt());
        assertEquals(STOP_AT, run.get("resumed_from_step").asLong());
        assertEquals(spec.toAbsolutePath().toString(), run.get("spec_file").asText());

        assertEquals(metrics(a), metrics(b));
        JsonNode ra = json(a.resolve("results.json"));
        JsonNode rb = json(b.resolve("results.json"));
        assertEquals(ra.at("/training/final/loss").asDouble(), rb.at("/training/final/loss").asDouble(), 1e-6);
        assertEquals(ra.get("metrics"), rb.get("metrics"));
        assertTrue(metrics(a).stream().anyMatch(m -> m.startsWith("validation/bits_per_dim@24=")));
        assertTrue(Files.isRegularFile(b.resolve("artifacts/saved_model/saved_model.pb")));
    }

    @Test
    void ctrlCStopsTheRunnerAtAStepWithACheckpointAndExit130(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", spec.toString(), "--out", out.toString(), "--data-root", dataRoot.toString(),
                "--set", "train.steps=1000000", "--set", "train.log_every=1", "--set", "train.checkpoint_every=100000");
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.redirectError(tmp.resolve("stderr.txt").toFile());
        pb.redirectOutput(tmp.resolve("stdout.txt").toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (trainingLines(out) < 20) {
                assertTrue(p.isAlive(), () -> "the runner ended early: " + read(tmp.resolve("stderr.txt")));
                assertTrue(System.nanoTime() < deadline, "training did not start");
                Thread.sleep(100);
            }
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
            assertTrue(p.waitFor(150, java.util.concurrent.TimeUnit.SECONDS), "the runner did not stop");
        } finally {
            p.destroyForcibly();
        }
        String err = read(tmp.resolve("stderr.txt"));
        assertEquals(130, p.exitValue(), err);
        assertTrue(err.contains("error: interrupted at step "), err);
        Path dir = onlyRun(out);
        JsonNode run = json(dir.resolve("run.json"));
        assertEquals("KILLED", run.get("status").asText());
        long steps = run.at("/training/steps").asLong();
        assertTrue(steps >= 20, "stopped at step " + steps);
        assertEquals(steps, new Checkpoints(dir.resolve("checkpoints"), () -> 0).latest().orElseThrow().state().step());
    }

    private static long trainingLines(Path store) throws IOException {
        if (!Files.isDirectory(store)) return 0;
        try (Stream<Path> dirs = Files.list(store)) {
            Path metrics = dirs.map(d -> d.resolve("metrics.jsonl")).filter(Files::isRegularFile).findFirst().orElse(null);
            if (metrics == null) return 0;
            try (Stream<String> lines = Files.lines(metrics)) {
                return lines.filter(l -> l.contains("\"train/loss\"")).count();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    @Test
    void theSameSpecTwiceLogsIdenticalMetrics(@TempDir Path tmp) throws IOException {
        assertEquals(0, run(tmp.resolve("a")).code());
        assertEquals(0, run(tmp.resolve("b")).code());
        List<String> a = metrics(onlyRun(tmp.resolve("a")));
        assertEquals(a, metrics(onlyRun(tmp.resolve("b"))));
        assertTrue(a.size() > 50);
    }

    @Test
    void aFinishedRunIsNotRunAgain(@TempDir Path tmp) throws IOException {
        assertEquals(0, run(tmp.resolve("a")).code());
        Path a = onlyRun(tmp.resolve("a"));
        byte[] metricsBefore = Files.readAllBytes(a.resolve("metrics.jsonl"));
        String runBefore = Files.readString(a.resolve("run.json"));

        Cli again = run(tmp.resolve("a"));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("engine_test"), "prints the stored results");
        assertArrayEquals(metricsBefore, Files.readAllBytes(a.resolve("metrics.jsonl")));
        assertEquals(runBefore, Files.readString(a.resolve("run.json")));
        Cli resumed = cli("run", "--resume", a.toString(), "--data-root", dataRoot.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(runBefore, Files.readString(a.resolve("run.json")));
    }

    @Test
    void aDivergingRunExitsWithOneLineNamingTheStepAndARestorableCheckpoint(@TempDir Path tmp) throws IOException {
        Cli cli = run(tmp.resolve("nan"), "--set", "train.optimizer.lr=1e30", "--set", "train.checkpoint_every=1");
        assertEquals(1, cli.code());
        List<String> errors = cli.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertEquals(1, errors.size(), cli.err());
        assertTrue(errors.get(0).startsWith("error: training diverged at step 2 of 24: the loss is "), errors.get(0));
        assertTrue(errors.get(0).contains("The last good checkpoint is step 0 ("), errors.get(0));
        assertTrue(!cli.err().contains("\tat "), "no stack trace");

        Path dir = onlyRun(tmp.resolve("nan"));
        JsonNode run = json(dir.resolve("run.json"));
        assertEquals("FAILED", run.get("status").asText());
        assertEquals(2, run.at("/failure/step").asLong());
        assertEquals(0, run.at("/failure/last_checkpoint_step").asLong(), "step 1 gave the NaN of step 2");
        assertTrue(run.at("/failure/reason").asText().startsWith("the loss is "));

        // The checkpoint restores into the model's graph and gives a finite likelihood everywhere.
        Injector injector = Injectors.create(new RunSettings(tmp.resolve("nan"), dataRoot, null));
        ResolvedSpec resolved = StoredRun.load(dir, injector.getInstance(SpecLoader.class), List.of()).spec();
        ExperimentPlan plan = injector.getInstance(ExperimentPlanner.class).plan(resolved);
        RunFiles files = new RunFiles(dir);
        try (RunContext ctx = new RunContext(plan, files, new Silent(), Progress.silent())) {
            new DataStage().run(ctx);
            new ModelStage().run(ctx);
            new Trainer(ctx.runtime(), ctx.graph(), ctx.modelGraph(), resolved.spec().train()); // optimiser variables
            Checkpoints checkpoints = new Checkpoints(files.checkpoints(), files::metricsLength);
            checkpoints.restore(ctx.runtime().session(), checkpoints.latest().orElseThrow());
            PerExample ll = new Evaluator(ctx.runtime(), ctx.graph(), ctx.modelGraph())
                    .evaluate(ctx.trainSet(), Set.of(Quantity.LOG_LIKELIHOOD), ctx.preprocessing(), 32, 0, null)
                    .get(Quantity.LOG_LIKELIHOOD);
            for (double v : ll.values()) assertTrue(Double.isFinite(v), "log-likelihood " + v);
        }
    }

    @Test
    void resumeRefusesWhatIsNotTheSameRun(@TempDir Path tmp) throws IOException {
        Cli notRun = cli("run", "--resume", tmp.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().contains("is not a run directory"), notRun.err());

        assertEquals(0, run(tmp.resolve("a")).code());
        Path a = onlyRun(tmp.resolve("a"));
        Cli changed = cli("run", "--resume", a.toString(), "--set", "model.distribution=logistic");
        assertEquals(2, changed.code());
        assertTrue(changed.err().contains("only runtime.* and tracking.* may be changed"), changed.err());

        Cli both = cli("run", spec.toString(), "--resume", a.toString());
        assertEquals(2, both.code());
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsASpecError(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(spec).replace("  validation: {size: 16}\n", "")
                .replace("  eval_every: 4\n", "  early_stopping: {patience: 2}\n"));
        Cli cli = cli("run", bad.toString(), "--out", tmp.resolve("o").toString(), "--data-root", dataRoot.toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("bad.yaml:"), cli.err());
        assertTrue(cli.err().contains("early stopping needs a validation set; set data.validation"), cli.err());
    }

    /** Tracks nothing (the test reads the checkpoint, it does not run). */
    static final class Silent implements Tracker {
        @Override public void start(RunInfo run) {}
        @Override public void logParams(Map<String, String> params) {}
        @Override public void logMetric(String key, double value, long step) {}
        @Override public void setTag(String key, String value) {}
        @Override public void logArtifact(Path file, String artifactPath) {}
        @Override public void finish(RunStatus status) {}
    }
}
