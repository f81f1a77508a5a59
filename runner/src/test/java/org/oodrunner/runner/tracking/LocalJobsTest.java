package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.runner.Cli;

/** {@code --jobs N}: a grid's points in parallel worker processes on this machine, with the records of a sequential grid. */
class LocalJobsTest {
    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    @Test
    void twoJobsRunTwoPointsAtATimeAndGiveTheSequentialResults() throws Exception {
        Path spec = work.resolve("gaussian_grid.yaml");
        Files.writeString(spec, GridProcesses.gaussianGrid("gaussian_grid", 6, "[0.01, 0.001]"));
        Path store = work.resolve("runs");
        GridProcesses.Result r = GridProcesses.runner(Map.of(), "run", spec.toString(), "--jobs", "2", "--out", store.toString(),
                "--data-root", data.toString(), "--tracking-uri", "none");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("running 4 of 4 points of gaussian_grid, 2 at a time"), r.output());
        Path grid = GridProcesses.gridOf(store);
        JsonNode record = GridProcesses.json(grid.resolve("run.json"));
        assertEquals("FINISHED", record.path("status").asText(), r.output());
        assertEquals(5, Files.readAllLines(grid.resolve("artifacts/summary.csv")).size());
        assertTrue(Files.isRegularFile(grid.resolve("artifacts/report.html")));

        List<Instant[]> spans = new ArrayList<>();
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            JsonNode task = GridProcesses.json(grid.resolve("tasks/00" + i + ".json"));
            assertEquals("ended", task.path("state").asText());
            pids.add(task.path("pid").asLong());
            spans.add(new Instant[] {Instant.parse(task.path("started").asText()), Instant.parse(task.path("ended").asText())});
        }
        assertEquals(4, pids.size(), "each point in its own process");
        assertEquals(2, maxOverlap(spans), "two points at a time");

        Path local = work.resolve("sequential");
        Cli seq = Cli.run("run", spec.toString(), "--out", local.toString(), "--data-root", data.toString(),
                "--tracking-uri", "none");
        assertEquals(0, seq.exitCode(), seq.err());
        assertEquals(GridProcesses.pointMetrics(local), GridProcesses.pointMetrics(store));
        Path seqGrid = GridProcesses.gridOf(local);
        assertEquals(Files.readString(seqGrid.resolve("artifacts/summary.csv")), Files.readString(grid.resolve("artifacts/summary.csv")),
                "the same summary table");
        assertEquals(seqGrid.getFileName(), grid.getFileName(), "the same grid record");

        GridProcesses.Result again = GridProcesses.runner(Map.of(), "run", spec.toString(), "--jobs", "2", "--out",
                store.toString(), "--data-root", data.toString(), "--tracking-uri", "none");
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("nothing submitted"), again.output());
        assertNotEquals(-1, again.output().indexOf("4 points"), again.output());
    }

    private static int maxOverlap(List<Instant[]> spans) {
        int best = 0;
        for (Instant[] s : spans) {
            int n = 0;
            for (Instant[] o : spans) {
                if (!o[0].isAfter(s[0]) && o[1].isAfter(s[0])) n++;
            }
            best = Math.max(best, n);
        }
        return best;
    }
}
