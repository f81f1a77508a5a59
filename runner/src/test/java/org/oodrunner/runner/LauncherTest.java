package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code bin/runner} launcher (with the test JVM's class path instead of a packaged
 * build) running a real model: TensorFlow's native start-up lines stay out of its stderr unless
 * {@code --debug}, oneDNN is on unless turned off, and Ctrl-C still reaches the JVM through the
 * stderr filter, with the runner's last line and exit code 130.
 */
class LauncherTest {
    private static final String ABSL_WARNING = "WARNING: All log messages before absl::InitializeLog() is called";
    private static final String MLIR_LINE = "mlir_graph_optimization_pass.cc";

    @TempDir
    static Path shared;
    static Path dataRoot;
    static Path spec;

    @BeforeAll
    static void data() throws IOException {
        dataRoot = TinyFashionMnist.write(shared.resolve("data"), 64, 30);
        spec = shared.resolve("launcher.yaml");
        Files.writeString(spec, TinyFashionMnist.zerosAsOodSpec("launcher_test", 5, 6));
    }

    record Launched(Process process, CompletableFuture<String> out, CompletableFuture<String> err) {
        int exitCode() throws InterruptedException {
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the launcher did not end");
            return process.exitValue();
        }

        /** Everything written to stderr, up to its end: the filter's last lines included. */
        String stderr() {
            return err.join();
        }
    }

    static Launched launch(Map<String, String> env, String... args) throws IOException {
        Path launcher = Path.of("..", "bin", "runner").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(launcher), launcher + " is missing");
        // Through perl, which restores SIGINT's default action and execs the launcher (same pid): a test JVM
        // started in the background by a non-interactive shell inherits SIGINT ignored, and a JVM that starts
        // with it ignored never handles it, which would test the shell that started Maven, not the launcher.
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
                launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        TestClassPathLauncher.configure(pb.environment());
        // The launcher's own defaults are under test, not the test JVM's.
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        pb.environment().remove("TF_ENABLE_ONEDNN_OPTS");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        return new Launched(p, drain(p.getInputStream()), drain(p.getErrorStream()));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String[] run(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString(),
                "--data-root", dataRoot.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void tensorFlowsStartUpLinesAreLeftOutUnlessDebugAndOneDnnIsOn(@TempDir Path tmp) throws Exception {
        Launched plain = launch(Map.of(), run(tmp.resolve("plain")));
        assertEquals(0, plain.exitCode(), plain.stderr());
        String err = plain.stderr();
        assertFalse(err.contains(ABSL_WARNING), err);
        assertFalse(err.contains(MLIR_LINE), err);
        assertTrue(err.contains("model gaussian"), "the runner's own log lines pass the filter: " + err);
        assertTrue(plain.out().join().contains("launcher_test"), "the results table");
        assertEquals("on (TF_ENABLE_ONEDNN_OPTS=1)", provenance(tmp.resolve("plain"), "onednn"));

        Launched debug = launch(Map.of("OOD_RUNNER_ONEDNN", "0"), run(tmp.resolve("debug"), "--debug"));
        assertEquals(0, debug.exitCode(), debug.stderr());
        String debugErr = debug.stderr();
        assertTrue(debugErr.contains(ABSL_WARNING), debugErr);
        assertTrue(debugErr.contains(MLIR_LINE), debugErr);
        assertEquals("off (TF_ENABLE_ONEDNN_OPTS=0)", provenance(tmp.resolve("debug"), "onednn"));
    }

    @Test
    void ctrlCReachesTheRunnerThroughTheLauncherAndItsLastLineGetsThrough(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Launched l = launch(Map.of(), run(out, "--set", "train.steps=1000000", "--set", "train.checkpoint_every=100000"));
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (trainingLines(out) < 5) {
                assertTrue(l.process().isAlive(), () -> "the runner ended early: " + l.stderr());
                assertTrue(System.nanoTime() < deadline, "training did not start");
                Thread.sleep(100);
            }
            // The launcher's pid is the JVM's (the launcher execs java), as a terminal's Ctrl-C or a scheduler sees it.
            assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(l.process().pid())).start().waitFor());
            assertEquals(130, l.exitCode(), l.stderr());
        } finally {
            l.process().destroyForcibly();
        }
        String err = l.stderr();
        assertTrue(err.contains("error: interrupted at step "), err);
        assertFalse(err.contains(ABSL_WARNING), err);
    }

    private static String provenance(Path store, String key) throws IOException {
        try (Stream<Path> dirs = Files.list(store)) {
            Path run = dirs.filter(Files::isDirectory).findFirst().orElseThrow().resolve("run.json");
            return new ObjectMapper().readTree(run.toFile()).path("provenance").path(key).asText();
        }
    }

    private static long trainingLines(Path store) throws IOException {
        if (!Files.isDirectory(store)) return 0;
        try (Stream<Path> dirs = Files.list(store)) {
            Path metrics = dirs.map(d -> d.resolve("metrics.jsonl")).filter(Files::isRegularFile).findFirst().orElse(null);
            if (metrics == null) return 0;
            try (Stream<String> lines = Files.lines(metrics)) {
                return lines.filter(l -> l.contains("\"train/loss\"")).count();
            }
        }
    }
}
