package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmarks/spec-wall-times.sh}, the benchmark behind docs/benchmarks.md's table of whole
 * spec wall times: run for real on a tiny spec through the real launcher (with the test JVM's class
 * path), and its table checked against medians worked out by hand.
 */
class SpecWallTimesScriptTest {
    private static final Path SCRIPT = Path.of("..", "benchmarks", "spec-wall-times.sh").toAbsolutePath().normalize();

    record Ended(int code, String out, String err) {}

    private static Ended script(Path dataRoot, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        TestClassPathLauncher.configure(pb.environment());
        if (dataRoot != null) pb.environment().put("OOD_DATA_ROOT", dataRoot.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("wall-times", ".out");
        Path err = Files.createTempFile("wall-times", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the script did not end");
        try {
            return new Ended(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void theTableGivesEachSettingsMedianAndLeavesOutFailedRunsAndSpecsMissingASetting(@TempDir Path tmp)
            throws Exception {
        Path results = tmp.resolve("walls.tsv");
        // spec, onednn, round, exit, wall, user, sys, rss, load, start
        Files.writeString(results, String.join("\n",
                "a.yaml\t0\t1\t0\t10\t8\t1\t100\t1.0\t2026-12-07T10:00:00Z",
                "a.yaml\t1\t1\t0\t5\t4\t1\t100\t1.0\t2026-12-07T10:01:00Z",
                "a.yaml\t1\t2\t0\t9\t6\t1\t100\t1.0\t2026-12-07T10:02:00Z",
                "a.yaml\t0\t2\t0\t125\t100\t20\t100\t1.0\t2026-12-07T10:03:00Z",
                "a.yaml\t0\t3\t0\t20\t15\t1\t100\t1.0\t2026-12-07T10:04:00Z",
                "a.yaml\t1\t3\t0\t7\t5\t1\t100\t1.0\t2026-12-07T10:05:00Z",
                "a.yaml\t1\t4\t1\t1\t1\t0\t100\t1.0\t2026-12-07T10:06:00Z",
                "b.yaml\t0\t1\t0\t30\t20\t2\t100\t1.0\t2026-12-07T10:07:00Z",
                "b.yaml\t1\t1\t3\t2\t1\t0\t100\t1.0\t2026-12-07T10:08:00Z",
                ""));
        Ended table = script(null, "--table", results.toString());
        assertEquals(0, table.code(), table.err());
        // Off: walls 10, 125, 20 -> median 20; CPU 9, 120, 16 -> 16. On (the failed line left out): 5, 9, 7 -> 7;
        // CPU 5, 7, 6 -> 6. b.yaml's only "on" run failed, so it has no row.
        assertEquals("""
                | spec | wall, oneDNN off | wall, oneDNN on (default) | off / on | CPU s off / on | runs |
                |---|---:|---:|---:|---:|---:|
                | a.yaml | 20 s | 7 s | 2.86x | 16 / 6 | 3 + 3 |
                """, table.out());

        Files.writeString(results, "c.yaml\t0\t1\t0\t125.4\t100\t20\t100\t1.0\tx\nc.yaml\t1\t1\t0\t61\t50\t5\t100\t1.0\tx\n");
        assertTrue(script(null, "--table", results.toString()).out().contains("| c.yaml | 2 min 05 s | 1 min 01 s | 2.06x | 120 / 55 | 1 + 1 |"));
    }

    @Test
    void badArgumentsGetOneLineAndExitCodeTwo(@TempDir Path tmp) throws Exception {
        Ended unknown = script(null, "--round", "2");
        assertEquals(2, unknown.code());
        assertEquals("error: unknown option --round (see --help)\n", unknown.err());

        Ended noSpec = script(null, "--results", tmp.resolve("r.tsv").toString(), tmp.resolve("missing.yaml").toString());
        assertEquals(2, noSpec.code());
        assertEquals("error: no such spec: " + tmp.resolve("missing.yaml") + "\n", noSpec.err());
        assertFalse(Files.exists(tmp.resolve("r.tsv")), "nothing was timed, so nothing was recorded");

        Ended noFile = script(null, "--table", tmp.resolve("none.tsv").toString());
        assertEquals(2, noFile.code());
        assertEquals("error: no such results file: " + tmp.resolve("none.tsv") + "\n", noFile.err());

        Ended nothing = script(null);
        assertEquals(2, nothing.code());
        assertTrue(nothing.err().startsWith("error: name at least one spec"), nothing.err());
    }

    @Test
    void timesBothSettingsOfEachSpecInAlternatingOrderAndRecordsAFailedRunWithItsExitCode(@TempDir Path tmp)
            throws Exception {
        Path dataRoot = TinyFashionMnist.write(tmp.resolve("data"), 64, 30);
        Path tiny = tmp.resolve("tiny.yaml");
        Files.writeString(tiny, TinyFashionMnist.zerosAsOodSpec("wall_times_test", 3, 4));
        // The same spec reading a dataset the data root does not have: the runner refuses it.
        Path broken = tmp.resolve("broken.yaml");
        String ood = "ood: [{dataset: fashion_mnist, split: test, classes: [0], label: zeros}]";
        assertTrue(Files.readString(tiny).contains(ood), "the tiny spec's OOD line, replaced below");
        Files.writeString(broken, Files.readString(tiny).replace(ood, "ood: [{dataset: mnist, split: train_first10k}]"));
        Path results = tmp.resolve("walls.tsv");

        Ended ended = script(dataRoot, "--results", results.toString(), tiny.toString(), broken.toString());
        assertEquals(0, ended.code(), ended.err());

        List<String[]> lines = Files.readAllLines(results, StandardCharsets.UTF_8).stream().map(l -> l.split("\t")).toList();
        assertEquals(4, lines.size(), String.join("\n", Files.readAllLines(results)));
        // The first spec runs "on" first, the second "off" first: a drift in the machine's speed favours neither.
        assertEquals(List.of(tiny + " 1", tiny + " 0", broken + " 0", broken + " 1"),
                lines.stream().map(l -> l[0] + " " + l[1]).toList());
        for (String[] l : lines) {
            assertEquals(10, l.length, String.join("|", l));
            assertEquals("1", l[2], "round");
            assertTrue(Double.parseDouble(l[4]) > 0, "wall time " + l[4]);
            assertTrue(Long.parseLong(l[7]) > 10_000, "a JVM's peak RSS in KiB: " + l[7]);
            assertTrue(l[9].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), l[9]);
        }
        assertEquals("0", lines.get(0)[3], ended.err());
        assertEquals("0", lines.get(1)[3], ended.err());
        assertFalse(lines.get(2)[3].equals("0"), "the broken spec's runs fail");
        assertFalse(lines.get(3)[3].equals("0"), "the broken spec's runs fail");
        assertTrue(ended.err().contains("(the run failed; its last lines:)"), ended.err());
        assertTrue(ended.err().contains("mnist"), "the failed run's own error line is shown: " + ended.err());

        // The table has the spec that ran and leaves out the one that failed.
        assertTrue(ended.out().contains("| " + tiny + " | "), ended.out());
        assertTrue(ended.out().contains(" | 1 + 1 |"), ended.out());
        assertFalse(ended.out().contains(broken.toString()), ended.out());
    }
}
