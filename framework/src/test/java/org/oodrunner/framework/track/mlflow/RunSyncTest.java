package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunStatus;

/** The sync of hand-written local runs against a real MLflow server, read back over REST. */
class RunSyncTest {
    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.shared();

    private static final Function<String, String> NO_ENV = k -> null;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TempDir
    Path store;

    private RunSync sync(String uri) {
        return new RunSync(new MlflowConnection(MlflowTarget.of(uri, "test", NO_ENV)));
    }

    /** A finished run with 150 params (one over MLflow's length limit), 2,500 values, odd keys and artifacts. */
    private RunFiles finishedRun(String name, String experiment) {
        RunFiles files = new RunFiles(store.resolve(name));
        try (LocalTracker local = LocalRunFixture.begin(files, name, experiment, 0.5, null)) {
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < 148; i++) params.put("model.p" + i, String.valueOf(i * 0.5));
            params.put("data.ood[0].limit", "64");
            params.put("description", "d".repeat(7000));
            local.logParams(params);
            local.setTag("spec_hash", "abc123");
            local.setTag("dataset.in", "mnist/train[0,1]");
            for (int s = 1; s <= 2500; s++) local.logMetric("train/loss", 5.0 / s, s);
            local.logMetric("log_likelihood/mnist/train[0,1]/auroc", 0.75, 2500);
            local.logMetric("scorer/set(1)/auroc", 0.5, 2500);
            local.logMetric("scorer/set_1_/auroc", 0.25, 2500);
            local.logMetric("diverged", Double.POSITIVE_INFINITY, 3);
            LocalRunFixture.writeBytes(files.artifacts().resolve("plots/roc curve.png"), 300_000, 1);
            LocalRunFixture.writeBytes(files.artifacts().resolve("scores.csv"), 5_000, 2);
            LocalRunFixture.writeBytes(files.artifacts().resolve("model/weights.bin"), 1_000_000, 3);
            files.writeText(files.results(), "{\"schema_version\": 1}\n");
            local.finish(RunStatus.FINISHED);
        }
        return files;
    }

    @Test
    void everythingTheStoreHoldsArrivesAndASecondSyncSendsNothing() throws IOException {
        RunFiles files = finishedRun("full", "sync-full");
        SyncReport report = sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE);
        assertEquals(150, report.params());
        assertEquals(2504, report.metrics());
        assertEquals(4, report.artifacts(), "spec files absent; results.json, png and csv sent; the 1 MB model is over 0.5 MiB");
        assertTrue(report.problems().stream().anyMatch(p -> p.contains("model/weights.bin") && p.contains("max_artifact_mb")));

        MlflowRest rest = MLFLOW.rest();
        JsonNode run = rest.run(report.runId());
        assertEquals("FINISHED", run.path("info").path("status").asText());
        assertEquals("full", run.path("info").path("run_name").asText());
        assertEquals(LocalRun.read(files.dir()).endMillis(), run.path("info").path("end_time").asLong());
        assertEquals(LocalRun.read(files.dir()).startMillis(), run.path("info").path("start_time").asLong());

        Map<String, String> params = MlflowRest.params(run);
        assertEquals(150, params.size());
        assertEquals("64", params.get("data.ood.0.limit"));
        assertEquals("73.5", params.get("model.p147"));
        assertEquals(MlflowNames.MAX_PARAM_VALUE, params.get("description").length());

        Map<String, String> tags = MlflowRest.tags(run);
        assertEquals("full", tags.get("mlflow.runName"));
        assertEquals("/specs/full.yaml", tags.get("mlflow.source.name"));
        assertEquals("0123456789abcdef0123456789abcdef01234567", tags.get("mlflow.source.git.commit"));
        assertEquals("true", tags.get("ood.git_dirty"));
        assertEquals("what full is for", tags.get("mlflow.note.content"));
        assertEquals("tester", tags.get("mlflow.user"));
        assertEquals("9.9.9-test", tags.get("framework_version"));
        assertEquals("abc123", tags.get("spec_hash"));
        assertEquals("mnist/train[0,1]", tags.get("dataset.in"));

        assertEquals(historyOf(files, "train/loss"), serverHistory(rest, report.runId(), "train/loss"));
        assertEquals(2500, rest.history(report.runId(), "train/loss").size());
        assertEquals(List.of("0.75@2500"), values(rest, report.runId(), "log_likelihood/mnist/train_0_1_/auroc"));
        // Two of our keys rewrite to the same MLflow key: the second gets its own.
        assertEquals(List.of("0.5@2500"), values(rest, report.runId(), "scorer/set_1_/auroc"));
        assertEquals(List.of("0.25@2500"), values(rest, report.runId(), MlflowNames.disambiguated("scorer/set_1_/auroc")));
        assertEquals(1, rest.history(report.runId(), "diverged").size());

        Map<String, Long> artifacts = rest.artifacts(report.runId());
        assertEquals(List.of("plots/roc curve.png", "results.json", "scores.csv", "spec.effective.json"),
                new ArrayList<>(artifacts.keySet()));
        assertArrayEquals(Files.readAllBytes(files.artifacts().resolve("plots/roc curve.png")), rest.artifact(run, "plots/roc curve.png"));
        assertArrayEquals(Files.readAllBytes(files.results()), rest.artifact(run, "results.json"));

        String experiment = rest.experimentId("sync-full");
        JsonNode before = rest.snapshot(experiment);
        SyncReport again = sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE);
        assertTrue(again.nothingSent(), again.summary());
        assertEquals(before, rest.snapshot(experiment));
    }

    @Test
    void aServerReachedUnderAnotherAddressKeepsOneRunAndOneCopyOfEachValue() {
        RunFiles files = finishedRun("alias", "sync-alias");
        SyncReport first = sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE);
        String other = MLFLOW.uri().replace("127.0.0.1", "localhost");
        SyncReport second = sync(other).sync(files.dir(), true, PATIENCE);
        assertEquals(first.runId(), second.runId());
        MlflowRest rest = MLFLOW.rest();
        assertEquals(1, rest.runs(rest.experimentId("sync-alias")).size());
        assertEquals(historyOf(files, "train/loss"), serverHistory(rest, first.runId(), "train/loss"));
    }

    @Test
    void aGrowingRunIsSentPieceByPieceAndACutBackLogGoesToAFreshRun() throws IOException {
        RunFiles files = new RunFiles(store.resolve("growing"));
        MlflowRest rest = MLFLOW.rest();
        RunSync sync = sync(MLFLOW.uri());
        String runId;
        try (LocalTracker local = LocalRunFixture.begin(files, "growing", "sync-growing", 64, null)) {
            for (int s = 1; s <= 10; s++) local.logMetric("train/loss", s, s);
            runId = sync.sync(files.dir(), false, PATIENCE).runId();
            assertEquals("RUNNING", rest.run(runId).path("info").path("status").asText());
            assertEquals(10, rest.history(runId, "train/loss").size());
            for (int s = 11; s <= 15; s++) local.logMetric("train/loss", s, s);
            assertEquals(5, sync.sync(files.dir(), false, PATIENCE).metrics());
            local.finish(RunStatus.KILLED);
        }
        SyncReport end = sync.sync(files.dir(), true, PATIENCE);
        assertTrue(end.statusSent());
        assertEquals("KILLED", rest.run(runId).path("info").path("status").asText());
        assertEquals(historyOf(files, "train/loss"), serverHistory(rest, runId, "train/loss"));

        // Cut back, as a resumed run drops what its killed attempt logged after the last checkpoint, then
        // appended to: MLflow cannot forget values, so the run goes to a new MLflow run and the old one is deleted.
        List<String> lines = Files.readAllLines(files.metrics());
        List<String> resumed = new ArrayList<>(lines.subList(0, 12));
        resumed.add(lines.get(12).replace("\"value\":13.0", "\"value\":113.0"));
        Files.write(files.metrics(), resumed);
        SyncReport resent = sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE);
        assertNotEquals(runId, resent.runId());
        assertEquals(13, resent.metrics());
        assertEquals(historyOf(files, "train/loss"), serverHistory(rest, resent.runId(), "train/loss"));
        assertEquals("deleted", rest.run(runId).path("info").path("lifecycle_stage").asText());
        JsonNode replacement = rest.run(resent.runId());
        assertEquals(runId, MlflowRest.tags(replacement).get("ood.replaces"));
        assertEquals("KILLED", replacement.path("info").path("status").asText());
        assertEquals(1, rest.runs(rest.experimentId("sync-growing")).stream()
                .filter(r -> r.path("info").path("lifecycle_stage").asText().equals("active")).count());
        assertTrue(sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE).nothingSent());
    }

    @Test
    void gridPointsAreNestedUnderTheirGridRun() {
        RunFiles point = new RunFiles(store.resolve("point"));
        try (LocalTracker local = LocalRunFixture.begin(point, "point", "sync-grid", 64, "grid")) {
            local.logMetric("m", 1, 1);
            local.finish(RunStatus.FINISHED);
        }
        LocalRunFixture.grid(new RunFiles(store.resolve("grid")), "a grid", "sync-grid", "point");
        List<StoreSync.Result> results;
        try (StoreSync sync = new StoreSync(MLFLOW.uri(), NO_ENV)) {
            results = sync.sync(List.of(point.dir()), r -> {});
        }
        assertEquals(List.of("a grid", "point"), results.stream().map(r -> r.report().runName()).toList(),
                "the grid goes first so the point can name it as parent");
        MlflowRest rest = MLFLOW.rest();
        JsonNode child = rest.run(results.get(1).report().runId());
        assertEquals(results.get(0).report().runId(), MlflowRest.tags(child).get("mlflow.parentRunId"));
        assertEquals("grid", MlflowRest.tags(rest.run(results.get(0).report().runId())).get("ood.kind"));
    }

    @Test
    void anUnreachableServerFailsFastAndRecordsNothingAsSent() {
        RunFiles files = finishedRun("offline", "sync-offline");
        String closed = "http://127.0.0.1:" + MlflowServerProcess.freePort();
        // A hang guard (minutes), not a speed test: without a server the sync gives up instead of waiting forever.
        assertTimeoutPreemptively(Duration.ofMinutes(3),
                () -> assertThrows(MlflowUnavailableException.class, () -> sync(closed).sync(files.dir(), true, PATIENCE)));
        assertEquals(null, SyncState.load(files.dir()).runId(closed));
        SyncReport later = sync(MLFLOW.uri()).sync(files.dir(), true, PATIENCE);
        assertNotNull(later.runId());
        assertEquals(2504, later.metrics());
    }

    /** value@step:timestamp of every local value of a key, in order. */
    static List<String> historyOf(RunFiles files, String key) {
        List<String> out = new ArrayList<>();
        for (MetricLog.Entry e : new MetricLog(files.metrics()).read(0, Integer.MAX_VALUE).entries()) {
            if (e.key().equals(key)) out.add(e.value() + "@" + e.step() + ":" + e.timestamp());
        }
        return out;
    }

    /** The same for the server's history of the key, in step order (the server does not keep logging order). */
    static List<String> serverHistory(MlflowRest rest, String runId, String key) {
        List<JsonNode> history = new ArrayList<>(rest.history(runId, key));
        history.sort(Comparator.comparingLong((JsonNode m) -> m.path("step").asLong())
                .thenComparingLong(m -> m.path("timestamp").asLong()));
        return history.stream()
                .map(m -> m.path("value").asDouble() + "@" + m.path("step").asLong() + ":" + m.path("timestamp").asLong())
                .toList();
    }

    private static List<String> values(MlflowRest rest, String runId, String key) {
        return rest.history(runId, key).stream().map(m -> m.path("value").asDouble() + "@" + m.path("step").asLong()).toList();
    }
}
