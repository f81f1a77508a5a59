package org.oodrunner.runner;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.cluster.SlurmCommands;
import org.oodrunner.framework.run.grid.GridRecord;
import org.oodrunner.framework.run.grid.GridStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner cancel DIR}: cancel a grid's Slurm tasks that are still queued or running. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancel what is queued or running of a grid submitted to Slurm (scancel) and record it. Running points "
                + "stop with a checkpoint (KILLED) and resume when the spec is submitted again; `runner collect DIR` then "
                + "writes the summary of what finished.")
final class CancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "the grid's record (runs/<name>-grid-<hash>)")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        RunFiles grid = GridRecord.frozen(dir);
        List<String> jobs = GridStatus.slurmJobs(grid);
        if (jobs.isEmpty()) {
            throw new BadInputException(dir + " was not submitted to Slurm; a grid run here (--jobs) stops with Ctrl-C");
        }
        SlurmCommands slurm = new SlurmCommands();
        Map<String, String> queued = slurm.queued(jobs);
        List<String> live = jobs.stream().filter(j -> queued.keySet().stream().anyMatch(t -> t.equals(j) || t.startsWith(j + "_")))
                .toList();
        if (live.isEmpty()) {
            out.println("nothing of " + grid.dir().getFileName() + " is queued or running; nothing to cancel");
            out.flush();
            return 0;
        }
        slurm.cancel(live);
        ObjectNode run = grid.readRun();
        ObjectNode c = run.putArray("cancelled").addObject();
        c.put("at", Instant.now().toString());
        c.put("jobs", String.join(",", live));
        c.put("tasks", String.join(",", queued.keySet()));
        grid.writeJson(grid.runJson(), run);
        out.println("cancelled Slurm job(s) " + String.join(", ", live) + " (" + queued.size() + " task(s) queued or running); "
                + "running points stop with a checkpoint. Summary of what finished: runner collect " + grid.dir());
        out.flush();
        return 0;
    }
}
