package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.track.mlflow.MlflowNames;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.runner.Cli;

/** One real run through {@code runner run}, tracked on a real MLflow server and read back over REST. */
class TrackedRunTest {
    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.shared();

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    private Path spec(String name, String experiment, String extra) throws IOException {
        Path f = work.resolve(name + ".yaml");
        Files.writeString(f, TinyData.spec(name, experiment, 12, extra));
        return f;
    }

    @Test
    void aRunLogsItsParamsMetricHistoriesTagsAndArtifacts() throws IOException {
        Path spec = spec("tracked", "cli-tracked", "");
        Path store = work.resolve("runs");
        Stderr.Captured<Cli> made = Stderr.during(() -> Cli.run("run", spec.toString(), "--out", store.toString(),
                "--data-root", data.toString(), "--tracking-uri", MLFLOW.uri()));
        assertEquals(0, made.value().exitCode(), made.value().err());
        assertTrue(made.log().contains("tracked on MLflow: " + MLFLOW.uri() + "/#/experiments/"), made.log());

        Path dir = LocalStore.only(store, "tracked-");
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        JsonNode run = rest.run(runId);
        assertEquals("FINISHED", run.path("info").path("status").asText());
        assertEquals(rest.experimentId("cli-tracked"), run.path("info").path("experiment_id").asText());

        Map<String, String> expectedParams = new TreeMap<>();
        LocalStore.stringMap(dir.resolve("params.json")).forEach((k, v) -> expectedParams.put(MlflowNames.key(k), v));
        assertEquals(expectedParams, new TreeMap<>(MlflowRest.params(run)));
        assertEquals("gaussian", MlflowRest.params(run).get("model.type"));
        assertEquals("mnist", MlflowRest.params(run).get("data.ood.0.dataset"));

        Map<String, String> tags = MlflowRest.tags(run);
        JsonNode local = LocalStore.runJson(dir);
        assertEquals("tracked", tags.get("mlflow.runName"));
        assertEquals(spec.toAbsolutePath().toString(), tags.get("mlflow.source.name"));
        assertEquals("a tiny run for the tracking tests", tags.get("mlflow.note.content"));
        assertEquals(local.path("hash").asText(), tags.get("spec_hash"));
        assertEquals("gaussian", tags.get("model"));
        assertEquals("fashion_mnist/train", tags.get("dataset.train"));
        assertEquals("fashion_mnist/test", tags.get("dataset.in"));
        assertEquals("mnist/test", tags.get("dataset.ood"));
        assertEquals(local.path("provenance").path("framework_version").asText(), tags.get("framework_version"));
        assertFalse(tags.containsKey("mlflow.parentRunId"));

        Map<String, List<String>> histories = LocalStore.metrics(rest, runId);
        assertEquals(LocalStore.metrics(dir), histories);
        assertEquals(6, histories.get("train/loss").size(), "12 steps, logged every 2");
        assertTrue(histories.get("train/loss").get(5).contains("@12:"));
        assertTrue(histories.containsKey("log_likelihood/mnist/test/auroc"));

        Map<String, Long> artifacts = rest.artifacts(runId);
        // Every local artifact (plots, report, scores, SavedModel) plus the spec and results files, nothing else.
        Set<String> expected = new TreeSet<>(Set.of("spec.yaml", "spec.effective.json", "results.json"));
        try (var files = Files.walk(dir.resolve("artifacts"))) {
            files.filter(Files::isRegularFile).forEach(f -> expected.add(dir.resolve("artifacts").relativize(f).toString()));
        }
        assertTrue(expected.containsAll(Set.of("scores.csv", "report.html", "saved_model/saved_model.pb")), expected.toString());
        assertEquals(expected, new TreeSet<>(artifacts.keySet()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("artifacts/saved_model/saved_model.pb")),
                rest.artifact(run, "saved_model/saved_model.pb"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("spec.yaml")), rest.artifact(run, "spec.yaml"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("results.json")), rest.artifact(run, "results.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("artifacts/scores.csv")), rest.artifact(run, "scores.csv"));
    }

    @Test
    void aRunMadeWithoutAServerIsSentLaterBySyncOnceOnly() throws IOException {
        Path spec = spec("offline", "cli-offline", "");
        Path store = work.resolve("runs");
        Cli r = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, r.exitCode(), r.err());
        Path dir = LocalStore.only(store, "offline-");
        assertFalse(Files.exists(dir.resolve("mlflow-sync.json")));

        Cli sync = Cli.run("sync", dir.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(0, sync.exitCode(), sync.err());
        assertTrue(sync.out().contains("offline: "), sync.out());
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        MlflowRest rest = MLFLOW.rest();
        assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId));
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());

        JsonNode before = rest.snapshot(rest.experimentId("cli-offline"));
        Cli again = Cli.run("sync", dir.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("offline: up to date"), again.out());
        assertEquals(before, rest.snapshot(rest.experimentId("cli-offline")));
    }

    @Test
    void aTrackingUriThatIsNotAServerIsRefusedWithItsPositionBeforeAnythingRuns() throws IOException {
        Path spec = spec("bad_uri", "cli-bad", "").resolveSibling("bad_uri.yaml");
        Files.writeString(spec, Files.readString(spec).replace("tracking: {experiment: cli-bad, flush_seconds: 0.2, stall_seconds: 600}",
                "tracking: {experiment: cli-bad, uri: 'file:./mlruns'}"));
        Path store = work.resolve("runs");
        Cli r = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
        assertEquals(2, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(spec);
        int line = 1 + lines.indexOf(lines.stream().filter(l -> l.startsWith("tracking:")).findFirst().orElseThrow());
        int column = 1 + lines.get(line - 1).indexOf("'file:");
        assertTrue(r.err().contains(spec + ":" + line + ":" + column + ": "), r.err());
        assertTrue(r.err().contains("tracking.uri 'file:./mlruns' is not an http(s) URL"), r.err());
        assertFalse(Files.exists(store), "nothing is written for a refused spec");
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void syncOfSomethingThatIsNotARunIsABadInput() {
        Cli r = Cli.run("sync", work.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("is not a run directory"), r.err());
    }
}
