package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.cluster.SlurmCommands;
import org.oodrunner.framework.run.cluster.SlurmTask;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one point of a frozen grid in this process ({@code runner run --point GRID INDEX}: a Slurm
 * array task, or a local worker of {@code --jobs}): exactly the spec the grid froze, in the same
 * store, as a child of the grid. Its task file says where it runs and how it ended. A Slurm task
 * told to stop before its time limit or preemption (USR1) saves a checkpoint like Ctrl-C does and
 * puts itself back in the queue, up to {@code runtime.slurm.max_requeues} times; the requeued task
 * resumes from the checkpoint. The process that ends the grid's last point completes the grid.
 */
public final class PointRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PointRunner.class);

    private final ExperimentRunner runner;
    private final SpecLoader loader;
    private final GridCollector collector;
    private final SlurmCommands slurm;

    @Inject
    public PointRunner(ExperimentRunner runner, SpecLoader loader, GridCollector collector, SlurmCommands slurm) {
        this.runner = runner;
        this.loader = loader;
        this.collector = collector;
        this.slurm = slurm;
    }

    /**
     * @param task the Slurm task this process is, if any
     * @param preempted whether Slurm asked this process to stop (USR1) rather than a user (Ctrl-C, scancel)
     */
    public RunOutcome run(RunFiles grid, int index, Progress progress, Optional<SlurmTask> task, BooleanSupplier preempted) {
        FrozenPoint point = GridRecord.point(grid, index);
        ResolvedSpec spec = GridRecord.spec(grid, point, loader);
        ObjectNode record = PointTasks.read(grid, index);
        int requeues = Math.max(record.path("requeues").asInt(0), task.map(SlurmTask::restartCount).orElse(0));
        record.put("state", PointTasks.RUNNING);
        record.put("started", Instant.now().toString());
        record.put("requeues", requeues);
        record.put("pid", ProcessHandle.current().pid());
        task.ifPresent(t -> {
            record.put("executor", "slurm");
            record.put("job_id", t.arrayJobId());
            record.put("slurm_task", t.id());
            record.put("node", t.node());
        });
        record.remove("ended");
        PointTasks.write(grid, index, record);
        String original = grid.readRun().path("spec_file").asText("");
        Path specFile = !original.isEmpty() && Files.isRegularFile(Path.of(original)) ? Path.of(original)
                : grid.dir().resolve(point.spec());
        try {
            RunOutcome outcome = runner.run(spec, specFile, progress, grid);
            end(grid, index, record);
            return outcome;
        } catch (RunInterruptedException e) {
            int limit = spec.spec().runtime().slurm().maxRequeues();
            if (task.isPresent() && preempted.getAsBoolean() && requeues < limit) {
                record.put("state", PointTasks.REQUEUED);
                record.put("requeues", requeues + 1);
                record.put("ended", Instant.now().toString());
                PointTasks.write(grid, index, record);
                LOG.info("{}: stopped before the time limit or for preemption; requeueing {} ({} of at most {})",
                        spec.runName(), task.get().id(), requeues + 1, limit);
                slurm.requeue(task.get().id());
                throw new RunInterruptedException(spec.runName() + ": checkpoint saved and Slurm task " + task.get().id()
                        + " requeued (" + (requeues + 1) + " of at most " + limit + "); it resumes when Slurm starts it again");
            }
            end(grid, index, record);
            throw e;
        } catch (RuntimeException e) {
            end(grid, index, record);
            throw e;
        }
    }

    private void end(RunFiles grid, int index, ObjectNode record) {
        record.put("state", PointTasks.ENDED);
        record.put("ended", Instant.now().toString());
        PointTasks.write(grid, index, record);
        collector.completeIfLast(grid);
    }
}
