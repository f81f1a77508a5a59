package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.runner.Cli;

/** Grids on a real single-node Slurm cluster: one array job, skip and resume, preemption, failures, status. */
class SlurmGridTest {
    @RegisterExtension
    static final SlurmCluster SLURM = new SlurmCluster();

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

    private Map<String, String> env() {
        return new HashMap<>(SLURM.environment());
    }

    private GridProcesses.Result submit(Path spec, Path store, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", spec.toString(), "--executor", "slurm", "--out",
                store.toString(), "--data-root", data.toString(), "--set", "runtime.slurm.cpus_per_task=1"));
        args.addAll(List.of(more));
        return GridProcesses.runner(env(), args.toArray(String[]::new));
    }

    @Test
    void aGridIsOneArrayJobAndEndsLikeALocalGrid() throws Exception {
        Path spec = work.resolve("gaussian_grid.yaml");
        Files.writeString(spec, GridProcesses.gaussianGrid("gaussian_grid", 6, "[0.01, 0.001]"));
        Path store = work.resolve("runs");
        GridProcesses.Result r = submit(spec, store, "--wait", "--tracking-uri", MLFLOW.uri());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("submitted 4 of 4 points"), r.output());
        Path grid = GridProcesses.gridOf(store);
        JsonNode record = GridProcesses.json(grid.resolve("run.json"));
        assertEquals("FINISHED", record.path("status").asText(), r.output());
        assertFalse(record.path("partial").asBoolean());
        assertEquals(1, record.path("jobs").size(), "one array job");
        String job = record.path("jobs").get(0).path("job_id").asText();
        Set<String> tasks = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            JsonNode task = GridProcesses.json(grid.resolve("tasks/00" + i + ".json"));
            assertEquals("ended", task.path("state").asText());
            assertEquals(job, task.path("job_id").asText());
            tasks.add(task.path("slurm_task").asText());
        }
        assertEquals(Set.of(job + "_0", job + "_1", job + "_2", job + "_3"), tasks);
        assertTrue(Files.isRegularFile(grid.resolve("artifacts/summary.csv")));
        assertTrue(Files.isRegularFile(grid.resolve("artifacts/report.html")));
        assertEquals(5, Files.readAllLines(grid.resolve("artifacts/summary.csv")).size());
        assertTrue(Files.readString(grid.resolve("slurm/submit-01.sbatch")).contains("#SBATCH --signal=B:USR1@120"));
        assertEquals("", SLURM.client("squeue", "-h", "-j", job).strip(), "nothing left in the queue");

        Path local = work.resolve("local");
        Cli seq = Cli.run("run", spec.toString(), "--out", local.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, seq.exitCode(), seq.err());
        Map<String, JsonNode> slurmMetrics = GridProcesses.pointMetrics(store);
        assertEquals(4, slurmMetrics.size());
        assertEquals(GridProcesses.pointMetrics(local), slurmMetrics, "the same numbers as a sequential run here");

        MlflowRest rest = MLFLOW.rest();
        String parentId = LocalStore.runId(grid, MLFLOW.uri());
        assertEquals("FINISHED", rest.run(parentId).path("info").path("status").asText());
        int children = 0;
        for (JsonNode run : rest.runs(rest.experimentId("executors"))) {
            if (parentId.equals(MlflowRest.tags(run).get("mlflow.parentRunId"))) {
                children++;
                assertEquals("FINISHED", run.path("info").path("status").asText());
            }
        }
        assertEquals(4, children, "every point is a child of the grid's parent run");

        GridProcesses.Result again = submit(spec, store);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("nothing submitted"), again.output());
        assertEquals(1, GridProcesses.json(grid.resolve("run.json")).path("jobs").size(), "no second job");

        Path point = store.resolve(GridProcesses.json(grid.resolve("run.json")).path("points").get(2).path("dir").asText());
        deleteTree(point);
        GridProcesses.Result one = submit(spec, store, "--wait");
        assertEquals(0, one.exitCode(), one.output());
        assertTrue(one.output().contains("submitted 1 of 4 points") && one.output().contains("(points [2])"), one.output());
        assertEquals("FINISHED", GridProcesses.json(point.resolve("run.json")).path("status").asText());
    }

    @Test
    void aPointStoppedByUsr1RequeuesItselfAndEndsAsIfNeverStopped() throws Exception {
        Path spec = work.resolve("long.yaml");
        Files.writeString(spec, TinyData.spec("long", "executors", 20_000, "").replace("log_every: 2", "log_every: 50"));
        Path store = work.resolve("runs");
        GridProcesses.Result r = submit(spec, store);
        assertEquals(0, r.exitCode(), r.output());
        Path grid = GridProcesses.gridOf(store);
        String task = GridProcesses.json(grid.resolve("tasks/000.json")).path("slurm_task").asText();
        Path run = store.resolve(GridProcesses.json(grid.resolve("run.json")).path("points").get(0).path("dir").asText());
        awaitTraining(run);
        SLURM.client("scancel", "--signal=USR1", "--batch", task);

        GridProcesses.Result waited = GridProcesses.runner(env(), "status", grid.toString(), "--wait");
        assertEquals(0, waited.exitCode(), waited.output() + log(grid));
        JsonNode taskRecord = GridProcesses.json(grid.resolve("tasks/000.json"));
        assertEquals(1, taskRecord.path("requeues").asInt(), log(grid));
        JsonNode runJson = GridProcesses.json(run.resolve("run.json"));
        assertEquals("FINISHED", runJson.path("status").asText());
        assertEquals(2, runJson.path("attempts").asInt(), "stopped once, resumed once");
        assertTrue(runJson.path("resumed_from_step").asLong() > 0, runJson.toString());
        assertEquals(20_000, runJson.path("training").path("steps").asLong());
        assertEquals(Set.of(), GridProcesses.duplicateRows(run), "no metric row twice");
        assertEquals(400, Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"train/loss\""))
                .count(), "every logging step once");
    }

    @Test
    void aFailingPointLeavesTheOthersFinishedAndTheGridPartial() throws Exception {
        Path spec = work.resolve("diverging.yaml");
        Files.writeString(spec, GridProcesses.gaussianGrid("diverging", 6, "[0.01, 1.0e+300]"));
        Path store = work.resolve("runs");
        GridProcesses.Result r = submit(spec, store, "--wait");
        assertEquals(1, r.exitCode(), r.output());
        Path grid = GridProcesses.gridOf(store);
        JsonNode record = GridProcesses.json(grid.resolve("run.json"));
        assertEquals("FAILED", record.path("status").asText());
        assertTrue(record.path("partial").asBoolean());
        assertEquals(2, record.path("finished_points").asInt(), record.toString());
        GridProcesses.Result status = GridProcesses.runner(env(), "status", grid.toString());
        assertEquals(0, status.exitCode(), status.output());
        long failedLines = status.output().lines().filter(l -> l.contains("failed") && l.contains("lr=1.0E300")).count();
        assertEquals(2, failedLines, status.output());
        assertTrue(status.output().contains("training diverged at step"), "the error is named: " + status.output());
    }

    @Test
    void statusShowsARunningPointAndCancelStopsIt() throws Exception {
        Path spec = work.resolve("endless.yaml");
        Files.writeString(spec, TinyData.spec("endless", "executors", 2_000_000, "").replace("log_every: 2", "log_every: 50"));
        Path store = work.resolve("runs");
        GridProcesses.Result r = submit(spec, store);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("runner cancel " + GridProcesses.gridOf(store)), r.output());
        Path grid = GridProcesses.gridOf(store);
        String job = GridProcesses.json(grid.resolve("run.json")).path("jobs").get(0).path("job_id").asText();
        Path run = store.resolve(GridProcesses.json(grid.resolve("run.json")).path("points").get(0).path("dir").asText());
        awaitTraining(run);

        GridProcesses.Result status = GridProcesses.runner(env(), "status", grid.toString());
        assertEquals(0, status.exitCode(), status.output());
        String row = status.output().lines().filter(l -> l.contains("endless")).reduce("", (a, b) -> b);
        assertTrue(row.contains("running") && row.contains("/2000000, ETA") && row.contains(job + "_0") && row.contains("RUNNING"),
                status.output());

        GridProcesses.Result cancel = GridProcesses.runner(env(), "cancel", grid.toString());
        assertEquals(0, cancel.exitCode(), cancel.output());
        assertTrue(cancel.output().contains("cancelled Slurm job(s) " + job), cancel.output());
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
        while (!"ended".equals(GridProcesses.json(grid.resolve("tasks/000.json")).path("state").asText())
                || !SLURM.client("squeue", "-h", "-j", job).isBlank()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the cancelled task did not end" + log(grid));
            Thread.sleep(200);
        }
        assertEquals("KILLED", GridProcesses.json(run.resolve("run.json")).path("status").asText());
        assertTrue(GridProcesses.json(grid.resolve("run.json")).has("cancelled"));
        GridProcesses.Result after = GridProcesses.runner(env(), "status", grid.toString());
        assertTrue(after.output().lines().anyMatch(l -> l.contains("endless") && l.contains("killed")), after.output());
        GridProcesses.Result collect = GridProcesses.runner(env(), "collect", grid.toString());
        assertEquals(1, collect.exitCode(), collect.output());
        assertTrue(GridProcesses.json(grid.resolve("run.json")).path("partial").asBoolean());
    }

    private static void awaitTraining(Path run) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(run.resolve("metrics.jsonl"))
                    && Files.readString(run.resolve("metrics.jsonl")).contains("\"train/loss\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the point did not start training");
    }

    private static String log(Path grid) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(grid.resolve("slurm/logs"))) {
            for (Path f : files.toList()) sb.append("\n--- ").append(f.getFileName()).append('\n').append(Files.readString(f));
        }
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
