package org.oodrunner.runner;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.cluster.LocalWorkers;
import org.oodrunner.framework.run.cluster.SlurmCommands;
import org.oodrunner.framework.run.cluster.SlurmSubmission;
import org.oodrunner.framework.run.cluster.SlurmSubmitter;
import org.oodrunner.framework.run.grid.FrozenGrid;
import org.oodrunner.framework.run.grid.GridCollector;
import org.oodrunner.framework.run.grid.GridRunner;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.model.SlurmSpec;

/**
 * A grid run by other processes: frozen, then handed to Slurm as one array job
 * ({@code --executor slurm}) or to local worker processes ({@code --jobs N}). Either way each
 * point runs as {@code runner run --point GRID INDEX}.
 */
final class GridExecutors {
    private final Injector injector;
    private final RunSettings settings;
    private final boolean force;
    private final PrintWriter out;

    GridExecutors(Injector injector, RunSettings settings, boolean force, PrintWriter out) {
        this.injector = injector;
        this.settings = settings;
        this.force = force;
        this.out = out;
    }

    /** Submits the grid's unfinished points to Slurm; with {@code wait}, returns how many did not finish. */
    int slurm(Path file, List<ResolvedSpec> points, boolean wait) {
        FrozenGrid frozen = freeze(file, points);
        if (frozen == null) return 0;
        ResolvedSpec first = points.get(frozen.pending().get(0));
        SlurmSpec slurm = first.spec().runtime().slurm();
        String launcher = slurm.launcher() != null ? slurm.launcher() : RunnerCommand.currentForShell();
        SlurmSubmission job = injector.getInstance(SlurmSubmitter.class).submit(frozen, first.spec().name(), slurm, launcher);
        Path dir = frozen.grid().dir().toAbsolutePath();
        out.println("submitted " + job.points().size() + " of " + frozen.size() + " points of " + first.spec().name()
                + " to Slurm as array job " + job.jobId() + " (points " + job.points() + ")");
        out.println("grid record: " + dir);
        out.println("batch script: " + job.script().toAbsolutePath() + " (task logs in " + dir.resolve("slurm/logs") + ")");
        out.println("watch:  runner status " + dir);
        out.println("wait:   runner status " + dir + " --wait");
        out.println("cancel: runner cancel " + dir);
        out.flush();
        if (!wait) return 0;
        return GridWait.await(frozen.grid(), injector.getInstance(GridCollector.class), injector.getInstance(SlurmCommands.class),
                out);
    }

    /** Runs the grid's unfinished points here, {@code jobs} processes at a time; returns how many did not finish. */
    int local(Path file, List<ResolvedSpec> points, int jobs, List<String> devices) {
        FrozenGrid frozen = freeze(file, points);
        if (frozen == null) return 0;
        out.println("running " + frozen.pending().size() + " of " + frozen.size() + " points of " + points.get(0).spec().name()
                + ", " + jobs + " at a time" + (devices.isEmpty() ? "" : " on devices " + String.join(",", devices))
                + " (logs in " + frozen.grid().dir().toAbsolutePath().resolve("local/logs") + ")");
        out.flush();
        new LocalWorkers(RunnerCommand.current(), jobs, devices).run(frozen,
                i -> {
                    out.println("point " + i + " (" + points.get(i).runName() + ") ended");
                    out.flush();
                });
        GridCollector collector = injector.getInstance(GridCollector.class);
        if (collector.completeIfLast(frozen.grid()).isEmpty()
                && "RUNNING".equals(frozen.grid().readRun().path("status").asText())) {
            collector.collect(frozen.grid());
        }
        return GridWait.printTable(frozen.grid(), out);
    }

    /** Freezes the grid; null (after saying so) when there is nothing to run. */
    private FrozenGrid freeze(Path file, List<ResolvedSpec> points) {
        FrozenGrid frozen = injector.getInstance(GridRunner.class).freeze(points, file, force, settings);
        if (!frozen.pending().isEmpty()) return frozen;
        if (frozen.written()) injector.getInstance(GridCollector.class).collect(frozen.grid());
        out.println("all " + frozen.size() + " points of " + points.get(0).spec().name()
                + " have already finished; nothing submitted (" + frozen.grid().dir().toAbsolutePath() + ")");
        out.flush();
        return null;
    }
}
