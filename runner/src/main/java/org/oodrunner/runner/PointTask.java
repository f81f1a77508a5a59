package org.oodrunner.runner;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.cluster.SlurmTask;
import org.oodrunner.framework.run.grid.GridRecord;
import org.oodrunner.framework.run.grid.PointRunner;
import picocli.CommandLine;

/**
 * {@code runner run --point GRID_DIR INDEX} (hidden): one point of a submitted grid, with the
 * store, data root and tracking server the grid was submitted with. Ctrl-C and SIGTERM stop it
 * with a checkpoint as any run; Slurm's USR1 does the same and requeues the task.
 */
final class PointTask {
    private PointTask() {}

    static int run(List<String> point, SpecOptions options, CommandLine cli, boolean debug) {
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        int index;
        try {
            index = Integer.parseInt(point.get(1));
        } catch (NumberFormatException e) {
            throw new BadInputException("--point " + point.get(0) + " " + point.get(1) + ": the index must be a number");
        }
        RunFiles grid = GridRecord.frozen(Path.of(point.get(0)));
        RunSettings frozen = GridRecord.settings(grid);
        RunSettings settings = new RunSettings(frozen.outDir(),
                frozen.dataRoot() != null ? frozen.dataRoot() : RunSettings.defaultDataRoot(), frozen.trackingUri());
        Injector injector = Injectors.create(settings);
        StopSignal stop = injector.getInstance(StopSignal.class);
        PreemptionSignal usr1 = PreemptionSignal.install(stop, err);
        try (StopOnSignal onSignal = new StopOnSignal(stop, err, "finishing the current step and saving a checkpoint")) {
            try {
                RunOutcome outcome = injector.getInstance(PointRunner.class).run(grid, index, Progress.forStderr(),
                        SlurmTask.fromEnvironment(System.getenv()), usr1::received);
                out.print(ResultsTable.format(outcome));
                out.flush();
                return 0;
            } catch (RunInterruptedException e) {
                return Main.report(e, err, debug);
            }
        }
    }
}
