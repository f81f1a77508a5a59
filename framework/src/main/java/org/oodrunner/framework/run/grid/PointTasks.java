package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.oodrunner.framework.run.RunFiles;

/**
 * What the processes running a frozen grid's points say about themselves, one file per point in
 * the grid's record ({@code tasks/<index>.json}): where and as which Slurm job it runs, its state
 * as the task sees it (running, ended, requeued) and how often it was requeued. The point's own
 * run directory holds the rest (status, steps, failure).
 */
public final class PointTasks {
    public static final String RUNNING = "running";
    public static final String ENDED = "ended";
    public static final String REQUEUED = "requeued";
    public static final String SUBMITTED = "submitted";

    private PointTasks() {}

    public static Path file(RunFiles grid, int index) {
        return grid.dir().resolve(String.format(Locale.ROOT, "tasks/%03d.json", index));
    }

    public static ObjectNode read(RunFiles grid, int index) {
        return grid.readJson(file(grid, index));
    }

    public static void write(RunFiles grid, int index, ObjectNode task) {
        grid.writeJson(file(grid, index), task);
    }
}
