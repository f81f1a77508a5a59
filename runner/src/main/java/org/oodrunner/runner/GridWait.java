package org.oodrunner.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.cluster.SlurmCommands;
import org.oodrunner.framework.run.grid.GridCollector;
import org.oodrunner.framework.run.grid.GridStatus;
import org.oodrunner.framework.run.grid.PointState;
import org.oodrunner.framework.track.RunStatus;

/**
 * Waits for a submitted grid to end, printing a line whenever the count of points per state
 * changes, then prints the grid's table. The grid ends when a task completes it; should every
 * task leave Slurm's queue without that (killed nodes, a cancel), the waiter completes it.
 */
final class GridWait {
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Polls in a row with no task of the grid in Slurm's queue before the waiter completes the grid itself. */
    private static final int GONE_POLLS = 5;
    /** How long a task that has completed the grid may take to leave Slurm's queue. */
    private static final Duration TASK_EXIT_LIMIT = Duration.ofMinutes(2);

    private GridWait() {}

    /** Returns how many points did not finish. */
    static int await(RunFiles grid, GridCollector collector, SlurmCommands slurm, PrintWriter out) {
        String last = "";
        int gone = 0;
        while (RunStatus.RUNNING.name().equals(grid.readRun().path("status").asText())) {
            List<String> jobs = GridStatus.slurmJobs(grid);
            Map<String, String> queue = jobs.isEmpty() ? Map.of() : slurm.queued(jobs);
            List<PointState> states = GridStatus.of(grid, queue);
            String line = counts(states);
            if (!line.equals(last)) {
                out.println(grid.dir().getFileName() + ": " + line);
                out.flush();
                last = line;
            }
            gone = !jobs.isEmpty() && queue.isEmpty() ? gone + 1 : 0;
            if (gone >= GONE_POLLS) {
                if (collector.completeIfLast(grid).isEmpty()
                        && RunStatus.RUNNING.name().equals(grid.readRun().path("status").asText())) {
                    out.println("no task of the grid is left in Slurm's queue: completing the grid from what its points hold");
                    collector.collect(grid);
                }
                break;
            }
            sleep();
        }
        awaitTasksLeaveQueue(grid, slurm, out);
        return printTable(grid, out);
    }

    /**
     * The task that completes the grid is still in Slurm's queue while its JVM and batch script
     * exit: wait for the grid's tasks to leave it, so that a caller that goes on (a script, a
     * test, another submission) finds nothing of the grid running. Bounded: a task that does not
     * leave is named, not waited for forever.
     */
    private static void awaitTasksLeaveQueue(RunFiles grid, SlurmCommands slurm, PrintWriter out) {
        List<String> jobs = GridStatus.slurmJobs(grid);
        if (jobs.isEmpty()) return;
        long deadline = System.nanoTime() + TASK_EXIT_LIMIT.toNanos();
        Map<String, String> queue = slurm.queued(jobs);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            sleep();
            queue = slurm.queued(jobs);
        }
        if (!queue.isEmpty()) {
            out.println("the grid has ended, but Slurm still lists " + String.join(", ", queue.keySet()) + " after "
                    + TASK_EXIT_LIMIT.toSeconds() + " s; see `squeue`");
        }
    }

    /** Prints the grid's summary table and its unfinished points; returns how many did not finish. */
    static int printTable(RunFiles grid, PrintWriter out) {
        Path csv = grid.artifacts().resolve("summary.csv");
        List<List<String>> rows = new ArrayList<>();
        try {
            if (Files.isRegularFile(csv)) {
                for (String l : Files.readAllLines(csv)) rows.add(csvCells(l));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        var run = grid.readRun();
        out.println();
        out.println(run.path("spec_name").asText() + " grid: " + run.path("status").asText()
                + (run.path("partial").asBoolean() ? " (partial)" : "") + " (" + grid.dir() + ")");
        if (!rows.isEmpty()) out.print(ResultsTable.table(rows.get(0), rows.subList(1, rows.size())));
        int unfinished = 0;
        for (var p : run.path("unfinished_points")) {
            unfinished++;
            out.println("not finished: " + p.path("dir").asText() + " " + p.path("status").asText()
                    + (p.has("error") ? ": " + p.path("error").asText().split("\n")[0] : ""));
        }
        out.flush();
        return unfinished;
    }

    static RunFailedException failed(RunFiles grid, int unfinished) {
        return new RunFailedException(unfinished + " point(s) of the grid did not finish; see `runner status " + grid.dir()
                + "`, fix, and submit the spec again (finished points are skipped)");
    }

    private static String counts(List<PointState> states) {
        Map<String, Long> byState = new TreeMap<>(states.stream().collect(Collectors.groupingBy(PointState::state,
                Collectors.counting())));
        return byState.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("stopped waiting; the grid goes on: `runner status DIR --wait` waits again");
        }
    }
}
