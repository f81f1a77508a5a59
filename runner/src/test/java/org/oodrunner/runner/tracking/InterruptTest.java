package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.framework.track.mlflow.SyncState;

/** Ctrl-C during training: the run ends as KILLED, locally and on MLflow, with everything logged until then. */
class InterruptTest {
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

    @Test
    void ctrlCDuringTrainingEndsTheRunAsKilledEverywhere() throws Exception {
        Path spec = work.resolve("interrupted.yaml");
        Files.writeString(spec, TinyData.spec("interrupted", "interrupt", 10_000_000, ""));
        Path store = work.resolve("runs");
        String java = ProcessHandle.current().info().command().orElse("java");
        // A shell that started this JVM in the background may have set SIGINT to "ignore", which a child
        // inherits; `env --default-signal` gives the runner the terminal's default, as when typed.
        List<String> cmd = List.of("env", "--default-signal=INT", java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "org.oodrunner.runner.Main", "run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", MLFLOW.uri());
        Path log = work.resolve("runner.log");
        Process runner = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path dir = awaitTrainingOnServer(store, runner, log);
            new ProcessBuilder("kill", "-INT", String.valueOf(runner.pid())).start().waitFor();
            assertTrue(runner.waitFor(120, TimeUnit.SECONDS), "the runner ends after Ctrl-C");
            assertEquals(130, runner.exitValue(), Files.readString(log));

            JsonNode local = LocalStore.runJson(dir);
            assertEquals("KILLED", local.path("status").asText(), Files.readString(log));
            MlflowRest rest = MLFLOW.rest();
            String runId = LocalStore.runId(dir, MLFLOW.uri());
            JsonNode info = rest.run(runId).path("info");
            assertEquals("KILLED", info.path("status").asText());
            assertEquals(Instant.parse(local.path("ended").asText()).toEpochMilli(), info.path("end_time").asLong());
            assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId), "everything logged until Ctrl-C is on the server");
        } finally {
            runner.destroyForcibly();
        }
    }

    private static Path awaitTrainingOnServer(Path store, Process runner, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!runner.isAlive()) throw new AssertionError("the runner ended early:\n" + Files.readString(log));
            if (Files.isDirectory(store)) {
                try (var dirs = Files.list(store)) {
                    for (Path dir : dirs.toList()) {
                        String id = SyncState.load(dir).runId(MLFLOW.uri());
                        if (id != null && MLFLOW.rest().history(id, "train/loss").size() >= 3) return dir;
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("training did not reach the server in 3 minutes:\n" + Files.readString(log));
    }
}
