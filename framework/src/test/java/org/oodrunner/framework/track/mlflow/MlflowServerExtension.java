package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MLflow tracking server for tests: {@code mlflow server} on a free loopback port with a
 * temporary SQLite store and artifact folder. Register it as a static field of a test class:
 * <pre>
 * &#64;RegisterExtension static final MlflowServerExtension MLFLOW = MlflowServerExtension.shared();
 * </pre>
 * {@link #shared()} is one server for every class of the test JVM that uses it (started by the
 * first, stopped when the JVM ends; tests keep apart by experiment name): a server takes tens of
 * seconds to start. {@link #ownServer()} is started before the class's first test and stopped
 * after its last, for tests that kill and restart it.
 *
 * <p>The {@code mlflow} command is found like {@code runner ui} finds it: {@code OOD_MLFLOW}, the
 * virtual environment {@code .ci/run} makes ({@code ~/.cache/ood-runner/mlflow-venv}), the PATH.
 * Without one, the tests fail and say how to install it: they are not skipped.
 */
public final class MlflowServerExtension implements BeforeAllCallback, AfterAllCallback {
    /** A fresh server on a slow, shared machine takes a while to import MLflow and migrate its database. */
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(5);
    private static MlflowServerExtension sharedServer;

    private final boolean shared;
    private final String adminPassword;
    private Path home;
    private Path executable;
    private int port;
    private MlflowServerProcess server;
    private int starts;

    private MlflowServerExtension(boolean shared, String adminPassword) {
        this.shared = shared;
        this.adminPassword = adminPassword;
    }

    /** The test JVM's one shared server. */
    public static synchronized MlflowServerExtension shared() {
        if (sharedServer == null) sharedServer = new MlflowServerExtension(true, null);
        return sharedServer;
    }

    /** A server of the test class's own, which it may kill and restart. */
    public static MlflowServerExtension ownServer() {
        return new MlflowServerExtension(false, null);
    }

    /**
     * A server of the test class's own running MLflow's basic-auth app ({@code --app-name basic-auth},
     * which needs {@code mlflow[auth]}): every request needs the credentials of a user; the admin
     * user is {@link #ADMIN} with this password (at least 12 characters).
     */
    public static MlflowServerExtension withBasicAuth(String adminPassword) {
        return new MlflowServerExtension(false, adminPassword);
    }

    /** The basic-auth server's admin user. */
    public static final String ADMIN = "admin";

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws IOException {
        if (server != null) return;
        Optional<Path> found = MlflowExecutable.find(null, System::getenv);
        if (found.isEmpty()) {
            throw new IllegalStateException("the MLflow integration tests need the `mlflow` command: run .ci/run, or "
                    + MlflowExecutable.installHint(System::getenv));
        }
        executable = found.get();
        home = Files.createTempDirectory("mlflow-test-");
        port = MlflowServerProcess.freePort();
        start();
        if (shared) Runtime.getRuntime().addShutdownHook(new Thread(this::shutDown, "mlflow-test-server-stop"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared) shutDown();
    }

    private synchronized void shutDown() {
        if (server != null) server.stop();
        server = null;
        try {
            if (home != null) deleteTree(home);
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind.
        }
        home = null;
    }

    private void start() {
        starts++;
        if (adminPassword == null) {
            server = MlflowServerProcess.start(executable, port, home.resolve("mlflow.db"), home.resolve("artifacts"),
                    home.resolve("server-" + starts + ".log"), STARTUP_LIMIT);
            return;
        }
        // The auth app keeps its users in a database of its own, named in its config file (else in the working directory).
        Path config = home.resolve("basic_auth.ini");
        try {
            Files.writeString(config, """
                    [mlflow]
                    default_permission = READ
                    database_uri = sqlite:///%s
                    admin_username = %s
                    authorization_function = mlflow.server.auth:authenticate_request_basic_auth
                    """.formatted(home.resolve("auth.db").toAbsolutePath(), ADMIN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = MlflowServerProcess.start(executable, port, home.resolve("mlflow.db"), home.resolve("artifacts"),
                home.resolve("server-" + starts + ".log"), STARTUP_LIMIT, java.util.List.of("--app-name", "basic-auth"),
                java.util.Map.of("MLFLOW_AUTH_CONFIG_PATH", config.toString(),
                        "MLFLOW_AUTH_ADMIN_PASSWORD", adminPassword,
                        "MLFLOW_FLASK_SERVER_SECRET_KEY", "test-secret-key-" + port));
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** A reader of what the server holds, through its REST API. */
    public MlflowRest rest() {
        if (adminPassword == null) return new MlflowRest(uri());
        return new MlflowRest(uri(), "Basic " + java.util.Base64.getEncoder().encodeToString(
                (ADMIN + ":" + adminPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Kills the server as a crash would; {@link #restart()} brings it back with the same data. */
    public void kill() {
        requireOwn();
        server.kill();
    }

    private void requireOwn() {
        if (shared) throw new IllegalStateException("the shared MLflow server cannot be killed; use ownServer()");
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    /** Starts the server again on the same port, database and artifact folder. */
    public void restart() {
        requireOwn();
        if (server.isAlive()) server.stop();
        start();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
