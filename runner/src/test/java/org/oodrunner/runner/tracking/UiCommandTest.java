package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.track.mlflow.LocalMlflowUi;
import org.oodrunner.framework.track.mlflow.MlflowExecutable;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.SyncState;
import org.oodrunner.runner.Cli;

/** {@code runner ui}: a local MLflow over the run store, or a clear word on how to install one. */
class UiCommandTest {
    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    @Test
    void withoutMlflowItSaysHowToInstallIt() {
        Cli r = Cli.run("ui", "--out", work.toString(), "--mlflow", work.resolve("no-such-mlflow").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("pip install mlflow"), r.err());
    }

    @Test
    void itStartsMlflowOnTheStoreAndSendsItEveryRun() throws Exception {
        Path spec = work.resolve("local.yaml");
        Files.writeString(spec, TinyData.spec("local", "ui-local", 12, ""));
        Path store = work.resolve("runs");
        Cli made = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, made.exitCode(), made.err());
        Path dir = LocalStore.only(store, "local-");

        Path mlflow = MlflowExecutable.find(null, System::getenv).orElseThrow(() -> new AssertionError(
                "the ui test needs the mlflow command: " + MlflowExecutable.installHint(System::getenv)));
        AtomicReference<Cli> ended = new AtomicReference<>();
        Thread ui = new Thread(() -> ended.set(Cli.run("ui", "--out", store.toString(), "--mlflow", mlflow.toString())));
        ui.start();
        try {
            String uri = awaitSynced(dir, ui);
            MlflowRest rest = new MlflowRest(uri);
            String runId = LocalStore.runId(dir, uri);
            assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId));
            assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
            assertTrue(Files.exists(LocalMlflowUi.home(store).resolve("mlflow.db")), "the UI keeps its SQLite store in the run store");
        } finally {
            stopServerOf(store);
            ui.join(Duration.ofSeconds(300).toMillis());
        }
        assertEquals(1, ended.get().exitCode(), "the command ends when its server does");
        assertTrue(ended.get().out().contains("MLflow UI: http://127.0.0.1:"), ended.get().out());
        assertTrue(ended.get().err().contains("the MLflow server stopped"), ended.get().err());
    }

    /** The server's address, once the run has been sent to it. */
    private static String awaitSynced(Path dir, Thread ui) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!ui.isAlive()) throw new AssertionError("runner ui ended early");
            for (Map.Entry<String, SyncState.Target> server : SyncState.load(dir).targets.entrySet()) {
                if ("FINISHED".equals(server.getValue().status)) return server.getKey();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("runner ui did not send the run within 5 minutes");
    }

    /** Stops the mlflow server that this JVM's `runner ui` started for the store (and its workers). */
    private static void stopServerOf(Path store) {
        ProcessHandle.current().descendants()
                .filter(h -> h.info().commandLine().orElse("").contains(store.resolve(".mlflow").toString()))
                .forEach(server -> {
                    List<ProcessHandle> workers = server.descendants().toList();
                    server.destroyForcibly();
                    workers.forEach(ProcessHandle::destroyForcibly);
                });
    }
}
