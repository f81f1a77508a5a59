package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;

/**
 * {@code eval.every}: the test and OOD sets scored while training, at the right steps, with the
 * scorers that train no auxiliary model, plotted in the report, and the same rows after an
 * interruption and a resume as without one.
 */
class TrainingEvaluationRunTest {
    @TempDir
    static Path shared;
    static Path dataRoot;
    static Path spec;

    @BeforeAll
    static void data() throws IOException {
        dataRoot = TinyFashionMnist.write(shared.resolve("data"), 96, 40);
        spec = shared.resolve("curves.yaml");
        Files.writeString(spec, """
                name: curves_test
                seed: 5
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
                  checkpoint_every: 8
                  optimizer: {lr: 0.05}
                scorers: [log_likelihood, typicality, {type: likelihood_ratio, steps: 4}]
                metrics: [auroc, fpr_at_95_tpr]
                eval: {batch_size: 16, every: 5, every_limit: 3}
                """);
    }

    /** (key, step, value) of every eval/ line of metrics.jsonl, in order. */
    static List<String> evalRows(Path run) throws IOException {
        return EngineRunTest.metrics(run).stream().filter(m -> m.startsWith("eval/")).toList();
    }

    static TreeSet<Long> steps(List<String> rows, String key) {
        TreeSet<Long> steps = new TreeSet<>();
        for (String r : rows) {
            if (r.startsWith(key + "@")) steps.add(Long.parseLong(r.substring(key.length() + 1, r.indexOf('='))));
        }
        return steps;
    }

    @Test
    void scoresEveryNStepsAndAtTheEndAndPlotsTheCurves(@TempDir Path tmp) throws IOException {
        EngineRunTest.Cli cli = EngineRunTest.cli("run", spec.toString(), "--out", tmp.toString(), "--data-root",
                dataRoot.toString());
        assertEquals(0, cli.code(), cli.err());
        Path run = EngineRunTest.onlyRun(tmp);
        List<String> rows = evalRows(run);
        TreeSet<Long> expected = new TreeSet<>(List.of(0L, 5L, 10L, 15L, 20L, 24L));
        for (String key : List.of("eval/not_zeros/bits_per_dim", "eval/zeros/bits_per_dim",
                "eval/log_likelihood/zeros/auroc", "eval/log_likelihood/zeros/fpr_at_95_tpr",
                "eval/typicality/zeros/auroc")) {
            assertEquals(expected, steps(rows, key), key + " in " + rows);
        }
        // Each (key, step) once: 6 steps x (2 sets + 2 scorers x 2 metrics).
        assertEquals(6 * (2 + 2 * 2), rows.size(), rows.toString());
        assertTrue(rows.stream().noneMatch(r -> r.startsWith("eval/likelihood_ratio/")),
                "a scorer that trains an auxiliary model is left out: " + rows);
        // The values move with the weights: the first and last bits/dim differ.
        List<String> bits = rows.stream().filter(r -> r.startsWith("eval/not_zeros/bits_per_dim@")).toList();
        assertTrue(!bits.get(0).substring(bits.get(0).indexOf('=')).equals(
                bits.get(5).substring(bits.get(5).indexOf('='))), bits.toString());
        // The final scoring still has every scorer.
        assertTrue(EngineRunTest.json(run.resolve("results.json")).at("/metrics/likelihood_ratio/zeros/auroc").isNumber());
        Path figures = run.resolve("artifacts/figures");
        try (var files = Files.list(figures)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().anyMatch(n -> n.startsWith("over_training_") && n.contains("bits_per_dim")
                    && n.endsWith(".png")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("over_training_") && n.contains("auroc")
                    && n.endsWith(".png")), names.toString());
        }
        String html = Files.readString(run.resolve("artifacts/report.html"));
        assertTrue(html.contains("Detection over training"), "the report shows the curves");
        assertTrue(html.contains("Over training: auroc per scorer and OOD set"), "the AUROC figure is in the report");
    }

    @Test
    void aRunStoppedAtOrBetweenEvaluationsResumesToTheSameRows(@TempDir Path tmp) throws IOException {
        EngineRunTest.Cli whole = EngineRunTest.cli("run", spec.toString(), "--out", tmp.resolve("a").toString(),
                "--data-root", dataRoot.toString());
        assertEquals(0, whole.code(), whole.err());
        List<String> uninterrupted = EngineRunTest.metrics(EngineRunTest.onlyRun(tmp.resolve("a")));
        assertTrue(uninterrupted.stream().anyMatch(m -> m.startsWith("eval/zeros/bits_per_dim@10=")));
        // Step 10 evaluates and then saves the stop's checkpoint; step 12 stops between evaluations.
        for (long stopAt : List.of(10L, 12L)) {
            Path out = tmp.resolve("stop" + stopAt);
            Injector injector = Injectors.create(new RunSettings(out, dataRoot, null), new AbstractModule() {
                @Override
                protected void configure() {
                    bindConstant().annotatedWith(Names.named("stop_at")).to(stopAt);
                    Multibinder.newSetBinder(binder(), TrackerFactory.class).addBinding().to(StopAt.class);
                }
            });
            ResolvedSpec resolved = injector.getInstance(SpecLoader.class)
                    .load(spec, spec.toString(), SpecLoader.Options.defaults()).get(0);
            assertThrows(RunInterruptedException.class,
                    () -> injector.getInstance(ExperimentRunner.class).run(resolved, spec, Progress.silent()));
            Path b = EngineRunTest.onlyRun(out);
            EngineRunTest.Cli resumed = EngineRunTest.cli("run", "--resume", b.toString(), "--data-root",
                    dataRoot.toString());
            assertEquals(0, resumed.code(), resumed.err());
            assertEquals(stopAt, EngineRunTest.json(b.resolve("run.json")).get("resumed_from_step").asLong());
            assertEquals(uninterrupted, EngineRunTest.metrics(b), "stopped at step " + stopAt);
        }
    }

    /** A tracker that asks the run to stop once training has logged a given step. */
    static final class StopAt implements TrackerFactory {
        private final StopSignal signal;
        private final long step;

        @Inject
        StopAt(StopSignal signal, @Named("stop_at") long step) {
            this.signal = signal;
            this.step = step;
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
                public void logMetric(String key, double value, long at) {
                    if (key.equals("train/loss") && at == step) signal.request("stopped by the test");
                }
            });
        }
    }
}
