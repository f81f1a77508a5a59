package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.framework.track.mlflow.MlflowServerProcess;
import org.oodrunner.framework.track.mlflow.SyncState;
import org.oodrunner.runner.Cli;

/** Training never depends on the server: it dies mid-run, or is down from the start, and `runner sync` makes up for it. */
class OutageTest {
    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.ownServer();

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    @Test
    void aServerKilledMidRunCostsTheRunNothingAndSyncMakesItAsIfNothingHappened() throws IOException {
        Path spec = work.resolve("outage.yaml");
        Files.writeString(spec, TinyData.spec("outage", "outage", 40, ""));
        Path store = work.resolve("runs");
        RunSettings settings = new RunSettings(store, data, MLFLOW.uri());
        Injector injector = Injectors.create(settings, new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), TrackerFactory.class).addBinding().toInstance(new KillServerAt(20));
            }
        });
        ResolvedSpec run = injector.getInstance(SpecLoader.class).load(spec, spec.toString(), SpecLoader.Options.defaults()).get(0);
        RunOutcome outcome = injector.getInstance(ExperimentRunner.class).run(run, spec, Progress.silent());

        Path dir = outcome.files().dir();
        assertFalse(MLFLOW.isAlive(), "the server was killed during training");
        assertEquals("FINISHED", LocalStore.runJson(dir).path("status").asText(), "the run finished regardless");
        assertTrue(Files.exists(dir.resolve("results.json")));

        MLFLOW.restart();
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        Map<String, List<String>> local = LocalStore.metrics(dir);
        int before = rest.history(runId, "train/loss").size();
        assertTrue(before >= 1 && before < local.get("train/loss").size(), "some values reached the server: " + before);
        assertEquals("RUNNING", rest.run(runId).path("info").path("status").asText());

        Cli sync = Cli.run("sync", dir.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(0, sync.exitCode(), sync.err());
        assertEquals(local, LocalStore.metrics(rest, runId), "every value once, with its step and time");
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
        assertArrayEquals(Files.readAllBytes(dir.resolve("results.json")), rest.artifact(rest.run(runId), "results.json"));

        // The same spec, uninterrupted, in another store and experiment: the server holds the same run.
        Cli reference = Cli.run("run", spec.toString(), "--out", work.resolve("reference").toString(), "--data-root",
                data.toString(), "--tracking-uri", MLFLOW.uri(), "--set", "tracking.experiment=outage-reference");
        assertEquals(0, reference.exitCode(), reference.err());
        String referenceId = LocalStore.runId(LocalStore.only(work.resolve("reference"), "outage-"), MLFLOW.uri());
        assertEquals(LocalStore.withoutTimes(LocalStore.metrics(rest, referenceId)), LocalStore.withoutTimes(LocalStore.metrics(rest, runId)));
        assertEquals(paramsBut(rest, referenceId, "tracking.experiment"), paramsBut(rest, runId, "tracking.experiment"));
        assertEquals(MlflowRest.tags(rest.run(referenceId)).keySet(), MlflowRest.tags(rest.run(runId)).keySet());
        assertEquals(rest.artifacts(referenceId).keySet(), rest.artifacts(runId).keySet());
        assertArrayEquals(rest.artifact(rest.run(referenceId), "scores.csv"), rest.artifact(rest.run(runId), "scores.csv"));
    }

    @Test
    void aServerDownWhenTheRunStartsGetsEverythingFromSyncLater() throws IOException {
        Path spec = work.resolve("down.yaml");
        Files.writeString(spec, TinyData.spec("down", "outage-down", 12, ""));
        Path store = work.resolve("runs");
        String closed = "http://127.0.0.1:" + MlflowServerProcess.freePort();
        Stderr.Captured<Cli> r = Stderr.during(() -> Cli.run("run", spec.toString(), "--out", store.toString(),
                "--data-root", data.toString(), "--tracking-uri", closed));
        assertEquals(0, r.value().exitCode(), r.value().err());
        // A refused connection is an answer: the run's end must not sit out tracking.stall_seconds
        // (600 s in these specs) waiting for a server that is not there; only a stall logs this.
        assertFalse(r.log().contains("stopped answering"), r.log());
        assertTrue(r.log().contains("is unreachable"), r.log());
        assertTrue(r.log().contains("runner sync"), r.log());
        Path dir = LocalStore.only(store, "down-");

        Cli sync = Cli.run("sync", dir.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(0, sync.exitCode(), sync.err());
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId));
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
    }

    private static Map<String, String> paramsBut(MlflowRest rest, String runId, String key) {
        Map<String, String> p = new TreeMap<>(MlflowRest.params(rest.run(runId)));
        p.remove(key);
        return p;
    }

    /** Kills the MLflow server when training logs step {@code step}, once the server holds some of the run. */
    private record KillServerAt(long step) implements TrackerFactory {
        @Override
        public Optional<Tracker> create(ResolvedSpec run, RunFiles files) {
            return Optional.of(new Tracker() {
                @Override
                public void start(RunInfo info) {}

                @Override
                public void logParams(Map<String, String> params) {}

                @Override
                public void logMetric(String key, double value, long s) {
                    if (!key.equals("train/loss") || s != step) return;
                    awaitFirstValues(files.dir());
                    MLFLOW.kill();
                }

                @Override
                public void setTag(String key, String value) {}

                @Override
                public void logArtifact(Path file, String artifactPath) {}

                @Override
                public void finish(RunStatus status) {}
            });
        }

        private static void awaitFirstValues(Path dir) {
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < deadline) {
                String id = SyncState.load(dir).runId(MLFLOW.uri());
                if (id != null && !MLFLOW.rest().history(id, "train/loss").isEmpty()) return;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            throw new AssertionError("no value reached the server within 300 s");
        }
    }
}
