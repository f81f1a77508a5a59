package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.CompositeTracker;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;

/** The live tracker: values reach the server while the run goes on, and a missing server costs the run nothing. */
class MlflowTrackerTest {
    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.shared();

    private static final Function<String, String> NO_ENV = k -> null;

    @TempDir
    Path store;

    private static MlflowTracker tracker(String uri, RunFiles files, Duration flush) {
        return new MlflowTracker(new MlflowConnection(MlflowTarget.of(uri, "test", NO_ENV)), files.dir(), flush,
                Duration.ofSeconds(30), new OutageNotices());
    }

    @Test
    void valuesAreSentWhileTheRunGoesOnAndEverythingAtTheEnd() throws InterruptedException {
        RunFiles files = new RunFiles(store.resolve("live"));
        LocalTracker local = LocalRunFixture.begin(files, "live", "tracker-live", 64, null);
        MlflowRest rest = MLFLOW.rest();
        try (CompositeTracker tracker = new CompositeTracker(List.of(local, tracker(MLFLOW.uri(), files, Duration.ofMillis(200))))) {
            tracker.start(new RunInfo("tracker-live", "live", "h", null, Map.of()));
            tracker.logParams(Map.of("train.steps", "30"));
            for (int s = 1; s <= 30; s++) tracker.logMetric("train/loss", 1.0 / s, s);
            String runId = awaitRunId(files);
            awaitHistory(rest, runId, "train/loss", 30);
            assertEquals("RUNNING", rest.run(runId).path("info").path("status").asText());
            assertEquals("30", MlflowRest.params(rest.run(runId)).get("train.steps"));

            LocalRunFixture.writeBytes(files.artifacts().resolve("plot.png"), 2048, 7);
            tracker.logArtifact(files.artifacts().resolve("plot.png"), "plot.png");
            tracker.logMetric("m/auroc", 0.9, 30);
            tracker.finish(RunStatus.FINISHED);
            JsonNode run = rest.run(runId);
            assertEquals("FINISHED", run.path("info").path("status").asText());
            assertEquals(1, rest.history(runId, "m/auroc").size());
            assertEquals(Map.of("plot.png", 2048L, "spec.effective.json", (long) java.nio.file.Files.size(files.effectiveSpec())),
                    rest.artifacts(runId));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutAServerTheRunFinishesAndKeepsEverythingLocally() {
        RunFiles files = new RunFiles(store.resolve("offline"));
        LocalTracker local = LocalRunFixture.begin(files, "offline", "tracker-offline", 64, null);
        String closed = "http://127.0.0.1:" + MlflowServerProcess.freePort();
        // A hang guard (minutes), not a speed test: an absent server must not hold the run up for good.
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            try (CompositeTracker tracker = new CompositeTracker(List.of(local, tracker(closed, files, Duration.ofMillis(100))))) {
                tracker.start(new RunInfo("tracker-offline", "offline", "h", null, Map.of()));
                for (int s = 1; s <= 50; s++) tracker.logMetric("train/loss", s, s);
                tracker.finish(RunStatus.FINISHED);
            }
        });
        assertEquals(RunStatus.FINISHED, LocalRun.read(files.dir()).status());
        assertEquals(50, new MetricLog(files.metrics()).read(0, 1000).entries().size());
        assertEquals(null, SyncState.load(files.dir()).runId(closed));

        SyncReport later = new RunSync(new MlflowConnection(MlflowTarget.of(MLFLOW.uri(), "test", NO_ENV)))
                .sync(files.dir(), true, Duration.ofSeconds(5));
        assertEquals(50, later.metrics());
        assertEquals("FINISHED", MLFLOW.rest().run(later.runId()).path("info").path("status").asText());
    }

    private String awaitRunId(RunFiles files) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String id = SyncState.load(files.dir()).runId(MLFLOW.uri());
            if (id != null) return id;
            Thread.sleep(100);
        }
        throw new AssertionError("the tracker made no MLflow run within 60 s");
    }

    private static void awaitHistory(MlflowRest rest, String runId, String key, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            seen = rest.history(runId, key).size();
            if (seen == n) return;
            Thread.sleep(100);
        }
        assertNotNull(runId);
        throw new AssertionError(key + ": " + seen + " of " + n + " values on the server within 60 s, before the run ended");
    }
}
