package org.oodrunner.runner;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.cluster.SlurmCommands;
import org.oodrunner.framework.run.grid.GridCollector;
import org.oodrunner.framework.run.grid.GridRecord;
import org.oodrunner.framework.run.grid.GridStatus;
import org.oodrunner.framework.run.grid.PointState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner status DIR}: where each point of a grid (or a single run) stands. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show where a run or each point of a grid stands: pending, running (step/total, time left), finished, "
                + "failed (with its error), killed, requeued; with the Slurm task and Slurm's state (squeue) when submitted there.")
final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "a grid's record (runs/<name>-grid-<hash>) or a run directory")
    Path dir;

    @Option(names = "--wait", description = "wait until every point of the grid has ended, then print its table; "
            + "exit 1 unless all finished")
    boolean await;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        RunFiles files = new RunFiles(dir.toAbsolutePath().normalize());
        var run = files.readRun();
        if (run.isEmpty()) throw new BadInputException(dir + " has no run.json: give a run directory or a grid's record");
        if (!"grid".equals(run.path("kind").asText())) {
            if (await) throw new BadInputException("--wait goes with a grid's record; " + dir + " is a single run");
            PointState s = GridStatus.ofRun(files);
            out.println(s.run() + ": " + s.state() + (s.progress().isEmpty() ? "" : " " + s.progress())
                    + (s.error().isEmpty() ? "" : ": " + s.error()));
            out.flush();
            return 0;
        }
        RunFiles grid = files;
        SlurmCommands slurm = new SlurmCommands();
        if (await) {
            grid = GridRecord.frozen(dir);
            Injector injector = Injectors.create(GridRecord.settings(grid));
            int unfinished = GridWait.await(grid, injector.getInstance(GridCollector.class), slurm, out);
            if (unfinished > 0) throw GridWait.failed(grid, unfinished);
            return 0;
        }
        List<String> jobs = GridStatus.slurmJobs(grid);
        Map<String, String> queue = Map.of();
        String note = null;
        try {
            if (!jobs.isEmpty()) queue = slurm.queued(jobs);
        } catch (RunFailedException e) {
            note = "Slurm's own state is not shown: " + e.getMessage();
        }
        List<List<String>> rows = new ArrayList<>();
        for (PointState p : GridStatus.of(grid, queue)) {
            rows.add(List.of(String.valueOf(p.index()), p.run(), p.state(), p.progress(),
                    p.requeues() == 0 ? "" : String.valueOf(p.requeues()), p.slurmTask(),
                    p.slurmTask().isEmpty() ? "" : p.slurmState().isEmpty() ? "not queued" : p.slurmState(), p.error()));
        }
        out.println(run.path("spec_name").asText() + " grid: " + run.path("status").asText()
                + (run.path("partial").asBoolean() ? " (partial)" : "") + (jobs.isEmpty() ? "" : ", Slurm job(s) " + jobs)
                + " (" + grid.dir() + ")");
        out.print(ResultsTable.table(List.of("#", "run", "state", "progress", "requeued", "slurm task", "slurm state", "error"),
                rows));
        if (note != null) out.println(note);
        out.flush();
        return 0;
    }
}
