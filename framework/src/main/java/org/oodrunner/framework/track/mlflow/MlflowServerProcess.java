package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local {@code mlflow server} on a loopback port, with a SQLite store and an artifact folder
 * (served through its artifact proxy): for {@code runner ui} and for the integration tests.
 * Started and stopped with its worker processes.
 */
public final class MlflowServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private MlflowServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a server and waits until it answers.
     *
     * @param database the SQLite file (created when missing)
     * @param artifacts where the server keeps uploaded artifacts
     * @param log the server's output
     */
    public static MlflowServerProcess start(Path executable, int port, Path database, Path artifacts, Path log,
            Duration startupLimit) {
        return start(executable, port, database, artifacts, log, startupLimit, List.of(), Map.of());
    }

    /**
     * The same with more arguments for {@code mlflow server} (e.g. {@code --app-name basic-auth})
     * and more environment variables for it.
     */
    public static MlflowServerProcess start(Path executable, int port, Path database, Path artifacts, Path log,
            Duration startupLimit, List<String> extraArgs, Map<String, String> extraEnvironment) {
        try {
            Files.createDirectories(database.toAbsolutePath().getParent());
            Files.createDirectories(artifacts);
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> cmd = new ArrayList<>(List.of(executable.toString(), "server", "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--workers", "1", "--backend-store-uri", "sqlite:///" + database.toAbsolutePath(),
                    "--artifacts-destination", artifacts.toAbsolutePath().toString()));
            cmd.addAll(extraArgs);
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // MLflow 3 otherwise starts a pool of background job consumers (GenAI evaluation jobs)
            // that tracking never uses: several Python processes that slow the server's start.
            builder.environment().put("MLFLOW_SERVER_ENABLE_JOB_EXECUTION", "false");
            builder.environment().putAll(extraEnvironment);
            Process p = builder.start();
            MlflowServerProcess server = new MlflowServerProcess(p, port, log);
            server.awaitHealthy(startupLimit);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable + " server", e);
        }
    }

    /** A port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String uri() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the server to end by itself (or by a signal). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private void awaitHealthy(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mlflow server exited with code " + process.exitValue() + ":\n" + logTail());
            }
            if (healthy()) return;
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while mlflow server started", e);
            }
        }
        stop();
        throw new IllegalStateException("mlflow server did not answer on " + uri() + " within " + limit.toSeconds() + " s:\n"
                + logTail());
    }

    private boolean healthy() {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(uri() + "/health")).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last lines the server printed. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Ends the server at once, as a crash would (SIGKILL to it and its workers). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /**
     * Asks the server and its workers to stop (SIGTERM), and kills what is left after a few seconds:
     * the server otherwise waits up to a minute for its workers to drain.
     */
    public void stop() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                // Killed below.
            }
            if (h.isAlive()) h.destroyForcibly();
        }
        awaitExit(Duration.ofSeconds(5));
    }

    private boolean awaitExit(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
