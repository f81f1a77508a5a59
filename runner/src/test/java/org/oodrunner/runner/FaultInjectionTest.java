package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.tf.Checkpoints;

/**
 * The fault-injection suite: real runner processes killed with {@code kill -9} at points drawn
 * from a fixed seed (during a training step, a checkpoint write, the rename of a checkpoint,
 * the SavedModel export, scoring, the report), damaged checkpoint files, a full disk (a tmpfs
 * mounted by the test) during a checkpoint and during the final writes, and a grid with one
 * point's process killed. After each fault the same command is run again; it must finish with
 * the budget's step count, no metric row twice, and the metrics, results and scores of an
 * uninterrupted run. The figures (faults injected, runs finished, rows lost) are written to
 * {@code target/fault-injection.json} for docs/reliability.md. A point stops a process through
 * {@code FaultPoint}: the process announces it with a marker file and waits; the test kills it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Kill points are drawn from this seed: the same suite kills at the same points every time. */
    static final long SEED = 20261207L;
    static final int STEPS = 24;
    static final int CHECKPOINT_EVERY = 4;
    static final long HANG_GUARD_SECONDS = 300;

    @TempDir
    static Path shared;
    static Path dataRoot;
    static Path spec;
    static Path reference;
    static List<String> referenceMetrics;
    static final Map<String, Integer> COUNTS = new LinkedHashMap<>();

    @BeforeAll
    static void uninterruptedReference() throws IOException {
        dataRoot = TinyFashionMnist.write(shared.resolve("data"), 96, 40);
        spec = shared.resolve("faults.yaml");
        Files.writeString(spec, """
                name: faults
                seed: 5
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test, classes: [1, 2, 3, 4, 5, 6, 7, 8, 9], label: not_zeros}
                  ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]
                  validation: {size: 16}
                model: {type: gaussian}
                train:
                  steps: %d
                  batch_size: 16
                  log_every: 2
                  eval_every: 4
                  checkpoint_every: %d
                  optimizer: {lr: 0.05, warmup_steps: 2, schedule: cosine}
                eval: {batch_size: 32}
                """.formatted(STEPS, CHECKPOINT_EVERY));
        Path out = shared.resolve("reference");
        Cli r = runInProcess(out);
        assertEquals(0, r.code(), r.err());
        reference = onlyRun(out);
        referenceMetrics = metrics(reference);
    }

    @AfterAll
    static void writeFigures() throws IOException {
        ObjectNode figures = JSON.createObjectNode();
        COUNTS.forEach(figures::put);
        figures.put("seed", SEED);
        Path target = Path.of("target");
        Files.createDirectories(target);
        JSON.writerWithDefaultPrettyPrinter().writeValue(target.resolve("fault-injection.json").toFile(), figures);
        System.out.println("fault injection: " + figures);
    }

    static void count(String what) {
        COUNTS.merge(what, 1, Integer::sum);
    }

    // ---------------------------------------------------------------------------------------
    // kill -9 at seeded points

    /**
     * The kill points, drawn from {@link #SEED}: one of each kind and a second checkpoint write (the
     * damaged-checkpoint and grid tests kill during training steps too).
     */
    static List<String> killPoints() {
        SplittableRandom r = new SplittableRandom(SEED);
        List<String> points = new ArrayList<>();
        points.add("train.step@" + (1 + r.nextInt(STEPS - 1)));
        while (points.size() < 3) {
            String write = "checkpoint.write@" + CHECKPOINT_EVERY * r.nextInt(STEPS / CHECKPOINT_EVERY + 1);
            if (!points.contains(write)) points.add(write);
        }
        points.add("checkpoint.index@" + CHECKPOINT_EVERY * (1 + r.nextInt(STEPS / CHECKPOINT_EVERY)));
        points.add("export@written");
        points.add("score@" + (r.nextBoolean() ? "not_zeros" : "zeros"));
        points.add("report@results");
        return points;
    }

    @Test
    @Order(1)
    void aRunKilledAtAnyPointFinishesWhenRunAgainAsIfNothingHappened() throws Exception {
        for (String point : killPoints()) {
            Path out = shared.resolve("kill-" + point.replace('@', '-'));
            killAt(point, out, "run", spec.toString(), "--out", out.toString(), "--data-root", dataRoot.toString());
            Cli again = runInProcess(out);
            assertEquals(0, again.code(), point + ": " + again.err());
            assertFinishedLikeTheReference(onlyRun(out), point);
            JsonNode run = json(onlyRun(out).resolve("run.json"));
            assertEquals(2, run.get("attempts").asInt(), point);
        }
    }

    // ---------------------------------------------------------------------------------------
    // damaged checkpoints

    @Test
    @Order(2)
    void aDamagedLatestCheckpointFallsBackToThePreviousOne() throws Exception {
        Path killed = shared.resolve("damage-source");
        // killed after step 18: checkpoints of steps 12 and 16 are on disk
        killAt("train.step@18", killed, "run", spec.toString(), "--out", killed.toString(), "--data-root",
                dataRoot.toString());
        Map<String, Damage> damages = new LinkedHashMap<>();
        damages.put("truncated", file -> {
            byte[] b = Files.readAllBytes(file);
            Files.write(file, Arrays.copyOf(b, b.length / 2));
        });
        damages.put("bit-flipped", file -> {
            byte[] b = Files.readAllBytes(file);
            b[b.length / 3] ^= 0x04;
            Files.write(file, b);
        });
        damages.put("index file missing", file -> Files.delete(file.resolveSibling("variables.index")));
        for (Map.Entry<String, Damage> d : damages.entrySet()) {
            Path out = shared.resolve("damage-" + d.getKey().replace(' ', '-'));
            copyTree(killed, out);
            Path dir = onlyRun(out);
            Checkpoints.Checkpoint latest = new Checkpoints(dir.resolve("checkpoints"), () -> 0).latest().orElseThrow();
            assertEquals(16, latest.state().step());
            d.getValue().apply(dataFile(latest.dir()));
            count("checkpoints damaged");
            count("faults injected");

            Cli verify = cli("verify", dir.toString());
            assertEquals(1, verify.code(), d.getKey() + ": " + verify.out());
            assertTrue(verify.out().contains("DAMAGED  checkpoints/" + latest.dir().getFileName()), verify.out());
            assertTrue(verify.out().contains("a resumed run starts here"), verify.out());

            Cli again = runInProcess(out);
            assertEquals(0, again.code(), d.getKey() + ": " + again.err());
            assertTrue(Files.isDirectory(dir.resolve("checkpoints").resolve(Checkpoints.DAMAGED + latest.dir().getFileName())),
                    "the damaged checkpoint is moved aside, not deleted");
            assertEquals(12, json(dir.resolve("run.json")).get("resumed_from_step").asLong(), d.getKey());
            assertFinishedLikeTheReference(dir, d.getKey());
            Cli after = cli("verify", dir.toString());
            assertEquals(0, after.code(), after.out() + after.err());
        }
    }

    @FunctionalInterface
    interface Damage {
        void apply(Path dataFile) throws IOException;
    }

    // ---------------------------------------------------------------------------------------
    // a full disk

    static Path disk;

    /** A 48 MiB tmpfs mounted for the test (as root, or through sudo without a password); null when not permitted. */
    static Path mountSmallDisk() throws Exception {
        if (disk != null) return disk;
        Path dir = shared.resolve("disk");
        Files.createDirectories(dir);
        List<String> mount = new ArrayList<>(List.of("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", dir.toString()));
        if (!"root".equals(System.getProperty("user.name"))) mount.addAll(0, List.of("sudo", "-n"));
        Process p = new ProcessBuilder(mount).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            System.out.println("full-disk tests skipped: cannot mount a tmpfs here (" + said + "); run them as root or "
                    + "with passwordless sudo");
            return null;
        }
        disk = dir;
        return disk;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (disk == null) return;
        List<String> umount = new ArrayList<>(List.of("umount", "-l", disk.toString()));
        if (!"root".equals(System.getProperty("user.name"))) umount.addAll(0, List.of("sudo", "-n"));
        new ProcessBuilder(umount).inheritIO().start().waitFor();
    }

    /** Writes a file until the device is full; returns it (delete it to free the space). */
    static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler.bin");
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(chunk);
        } catch (IOException full) {
            assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
        }
        return filler;
    }

    @Test
    @Order(3)
    void aFullDiskDuringACheckpointOrTheFinalWritesIsOneClearLineAndTheRerunFinishesOnceThereIsSpace() throws Exception {
        Path mounted = mountSmallDisk();
        Assumptions.assumeTrue(mounted != null, "no tmpfs could be mounted (see the line above)");
        for (String point : List.of("checkpoint.start@12", "report@results")) {
            Path out = mounted.resolve("store-" + point.replace('@', '-'));
            Path marker = shared.resolve("marker-full-" + point.replace('@', '-'));
            Path stderr = shared.resolve("stderr-full-" + point.replace('@', '-') + ".txt");
            Process p = start(point, marker, stderr, "run", spec.toString(), "--out", out.toString(), "--data-root",
                    dataRoot.toString());
            try {
                awaitMarker(p, marker, stderr);
                Path filler = fill(mounted);
                count("faults injected");
                count("disk full");
                Files.delete(marker);
                assertTrue(p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS), "the runner did not end");
                String err = Files.readString(stderr);
                List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
                assertEquals(1, p.exitValue(), err);
                assertEquals(1, errors.size(), err);
                String line = errors.get(0);
                assertTrue(line.startsWith("error: cannot write " + out), line);
                assertTrue(line.contains("the device is full (No space left on device)"), line);
                assertTrue(line.contains("run the same command again"), line);
                assertFalse(err.contains("internal error"), err);
                assertFalse(err.contains("\tat "), "no stack trace: " + err);
                if (point.startsWith("checkpoint")) {
                    assertTrue(err.contains("the checkpoint of step 12 needs about "), "warned first: " + err);
                }
                Files.delete(filler);
            } finally {
                p.destroyForcibly();
            }
            Cli again = runInProcess(out);
            assertEquals(0, again.code(), point + ": " + again.err());
            assertFinishedLikeTheReference(onlyRun(out), "full disk at " + point);
        }
    }

    // ---------------------------------------------------------------------------------------
    // a grid with one point killed

    @Test
    @Order(4)
    void aGridWithOnePointKilledResumesOnlyThatPoint() throws Exception {
        Path gridSpec = shared.resolve("grid.yaml");
        Files.writeString(gridSpec, Files.readString(spec) + "grid:\n  train.steps: [16, 24, 12]\n");
        Path out = shared.resolve("grid");
        // only the 24-step point reaches step 22
        killAt("train.step@22", out, "run", gridSpec.toString(), "--out", out.toString(), "--data-root",
                dataRoot.toString());
        Map<Integer, Path> points = gridPoints(out);
        Path first = points.get(16);
        assertEquals("FINISHED", json(first.resolve("run.json")).get("status").asText());
        byte[] firstRun = Files.readAllBytes(first.resolve("run.json"));
        byte[] firstResults = Files.readAllBytes(first.resolve("results.json"));
        assertFalse(points.containsKey(12) && Files.exists(points.get(12).resolve("results.json")),
                "the point after the killed one has not run");

        Cli again = cli("run", gridSpec.toString(), "--out", out.toString(), "--data-root", dataRoot.toString());
        assertEquals(0, again.code(), again.err());
        points = gridPoints(out);
        assertTrue(Arrays.equals(firstRun, Files.readAllBytes(first.resolve("run.json"))), "the finished point is untouched");
        assertTrue(Arrays.equals(firstResults, Files.readAllBytes(first.resolve("results.json"))));
        JsonNode killedPoint = json(points.get(24).resolve("run.json"));
        assertEquals(2, killedPoint.get("attempts").asInt());
        assertEquals(20, killedPoint.get("resumed_from_step").asLong());
        // The 24-step point is the reference spec: it must end the same.
        assertFinishedLikeTheReference(points.get(24), "grid point");
        // The third point ran after the kill (or, with points run in parallel, was killed too and resumed).
        assertEquals("FINISHED", json(points.get(12).resolve("run.json")).get("status").asText());
        assertEquals(12, json(points.get(12).resolve("run.json")).at("/training/steps").asInt());
    }

    static Map<Integer, Path> gridPoints(Path out) throws IOException {
        Map<Integer, Path> points = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (d.getFileName().toString().contains("-grid-") || !Files.exists(d.resolve("spec.effective.json"))) continue;
                JsonNode s = json(d.resolve("spec.effective.json"));
                if (s.at("/train/steps").isInt()) points.put(s.at("/train/steps").asInt(), d);
            }
        }
        return points;
    }

    // ---------------------------------------------------------------------------------------
    // runner evaluate killed

    @Test
    @Order(5)
    void anEvaluationKilledWhileScoringCanBeRunAgain() throws Exception {
        Path out = shared.resolve("evaluated");
        copyTree(reference.getParent(), out);
        Path run = onlyRun(out);
        killAt("score@zeros", out, "evaluate", run.toString(), "--data-root", dataRoot.toString());
        Cli again = cli("evaluate", run.toString(), "--data-root", dataRoot.toString());
        assertEquals(0, again.code(), again.err());
        List<Path> finished = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(run.resolve("evaluations"))) {
            for (Path d : dirs.toList()) if (Files.exists(d.resolve("results.json"))) finished.add(d);
        }
        assertEquals(1, finished.size(), "one evaluation finished");
        JsonNode evaluated = json(finished.get(0).resolve("results.json"));
        assertEquals(json(run.resolve("results.json")).get("metrics"), evaluated.get("metrics"),
                "the same checkpoint and evaluation noise give the run's metrics");
        count("runs finished");
    }

    // ---------------------------------------------------------------------------------------
    // helpers

    /** Starts the runner in a child JVM that pauses at {@code point}, waits for it, and kills it with {@code kill -9}. */
    static void killAt(String point, Path out, String... args) throws Exception {
        Path marker = shared.resolve("marker-" + out.getFileName());
        Path stderr = shared.resolve("stderr-" + out.getFileName() + ".txt");
        Process p = start(point, marker, stderr, args);
        try {
            awaitMarker(p, marker, stderr);
            assertEquals(0, new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start().waitFor());
            assertTrue(p.waitFor(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            count("faults injected");
            count("processes killed (kill -9)");
            count("kill -9 at " + point.substring(0, point.indexOf('@')));
        } finally {
            p.destroyForcibly();
        }
    }

    static Process start(String point, Path marker, Path stderr, String... args) throws IOException {
        Files.deleteIfExists(marker);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"),
                "-Doodrunner.faults.pause=" + point, "-Doodrunner.faults.marker=" + marker,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        pb.redirectError(stderr.toFile());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    static void awaitMarker(Process p, Path marker, Path stderr) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
        while (!Files.exists(marker)) {
            if (!p.isAlive()) throw new AssertionError("the runner ended before its fault point: " + Files.readString(stderr));
            assertTrue(System.nanoTime() < deadline, "the fault point was not reached");
            Thread.sleep(20);
        }
    }

    /** Finished, the budget's steps, no row twice, and the metrics, results and scores of the uninterrupted run. */
    static void assertFinishedLikeTheReference(Path dir, String what) throws IOException {
        JsonNode run = json(dir.resolve("run.json"));
        assertEquals("FINISHED", run.get("status").asText(), what);
        assertEquals(STEPS, run.at("/training/steps").asInt(), what);
        List<String> rows = metrics(dir);
        Set<String> keys = new HashSet<>();
        for (String row : rows) assertTrue(keys.add(row.substring(0, row.indexOf('='))), what + ": a row twice: " + row);
        assertEquals(referenceMetrics, rows, what + ": metrics.jsonl differs from the uninterrupted run's");
        int lost = referenceMetrics.size() - rows.size();
        COUNTS.merge("metric rows lost", Math.max(0, lost), Integer::sum);
        COUNTS.merge("metric rows duplicated", rows.size() - keys.size(), Integer::sum);
        JsonNode results = json(dir.resolve("results.json"));
        JsonNode expected = json(reference.resolve("results.json"));
        for (String part : List.of("metrics", "metric_intervals", "datasets", "training")) {
            assertEquals(expected.get(part), results.get(part), what + ": results.json " + part);
        }
        assertEquals(Files.readString(reference.resolve("artifacts/scores.csv")),
                Files.readString(dir.resolve("artifacts/scores.csv")), what + ": scores.csv");
        assertTrue(Files.isRegularFile(dir.resolve("artifacts/saved_model/saved_model.pb")), what);
        assertTrue(Files.isRegularFile(dir.resolve("artifacts/report.html")), what);
        count("runs finished");
    }

    record Cli(int code, String out, String err) {}

    static Cli runInProcess(Path out) {
        return cli("run", spec.toString(), "--out", out.toString(), "--data-root", dataRoot.toString());
    }

    static synchronized Cli cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    static Path onlyRun(Path store) throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            List<Path> dirs = s.filter(Files::isDirectory).toList();
            assertEquals(1, dirs.size(), "one run directory in " + store + ": " + dirs);
            return dirs.get(0);
        }
    }

    /** metrics.jsonl without timestamps: key@step=value per line, in order. */
    static List<String> metrics(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            out.add(n.get("key").asText() + "@" + n.get("step").asLong() + "=" + n.get("value").asText());
        }
        return out;
    }

    static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    static Path dataFile(Path checkpoint) throws IOException {
        try (Stream<Path> s = Files.list(checkpoint)) {
            return s.filter(p -> p.getFileName().toString().startsWith("variables.data-")).findFirst().orElseThrow();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.getFileName().toString().equals("run.lock")) Files.copy(p, target);
            }
        }
    }
}
