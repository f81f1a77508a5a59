package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The MLflow UI over a local run store ({@code runner ui}): an {@code mlflow server} whose
 * SQLite database and artifacts live in {@code <store>/.mlflow/}, on the loopback port it used
 * last time when that is free (so runs synced before are recognised without resending), else on
 * a free one.
 */
public final class LocalMlflowUi {
    static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    private LocalMlflowUi() {}

    public static Path home(Path store) {
        return store.resolve(".mlflow");
    }

    /** Starts the server; {@code port} 0 picks one. */
    public static MlflowServerProcess start(Path store, Path executable, int port) {
        Path home = home(store);
        Path portFile = home.resolve("port");
        int chosen = port;
        if (chosen == 0) chosen = lastPort(portFile);
        if (chosen == 0 || !MlflowServerProcess.isFree(chosen)) chosen = MlflowServerProcess.freePort();
        MlflowServerProcess server = MlflowServerProcess.start(executable, chosen, home.resolve("mlflow.db"),
                home.resolve("artifacts"), home.resolve("server.log"), STARTUP_LIMIT);
        try {
            Files.writeString(portFile, String.valueOf(chosen));
        } catch (IOException e) {
            // Only a convenience for next time.
        }
        return server;
    }

    private static int lastPort(Path portFile) {
        try {
            return Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
