package org.oodrunner.framework.run.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.grid.FrozenGrid;
import org.oodrunner.framework.run.grid.PointTasks;
import org.oodrunner.framework.spec.model.SlurmSpec;

/**
 * Submits the pending points of a frozen grid to Slurm as one array job, at once (nothing has
 * to stay alive on the submitting machine), and records the job in the grid's record: the job in
 * {@code run.json} {@code jobs}, each point's task as submitted, the batch script under
 * {@code slurm/} with the task logs beside it ({@code slurm/logs/JOB_TASK.out}).
 */
public final class SlurmSubmitter {
    private final SlurmCommands slurm;

    @Inject
    public SlurmSubmitter(SlurmCommands slurm) {
        this.slurm = slurm;
    }

    /** @param launcher the shell command that starts the runner on a node, e.g. {@code /opt/ood/bin/runner} */
    public SlurmSubmission submit(FrozenGrid frozen, String name, SlurmSpec settings, String launcher) {
        RunFiles grid = frozen.grid();
        ObjectNode run = grid.readRun();
        ArrayNode jobs = run.has("jobs") ? (ArrayNode) run.get("jobs") : run.putArray("jobs");
        Path script = grid.dir().resolve(String.format(Locale.ROOT, "slurm/submit-%02d.sbatch", jobs.size() + 1));
        BatchScript batch = new BatchScript(name, grid.dir(), frozen.pending(), settings, launcher);
        grid.writeText(script, batch.text());
        grid.writeText(grid.dir().resolve("slurm/logs/.keep"), "");
        String jobId = slurm.sbatch(List.of(), script);
        ObjectNode job = jobs.addObject();
        job.put("executor", "slurm");
        job.put("job_id", jobId);
        job.put("array", batch.array());
        job.put("script", grid.dir().relativize(script).toString());
        job.put("submitted", Instant.now().toString());
        grid.writeJson(grid.runJson(), run);
        for (int i : frozen.pending()) {
            ObjectNode task = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            task.put("state", PointTasks.SUBMITTED);
            task.put("executor", "slurm");
            task.put("job_id", jobId);
            task.put("slurm_task", jobId + "_" + i);
            task.put("requeues", 0);
            PointTasks.write(grid, i, task);
        }
        return new SlurmSubmission(jobId, frozen.pending(), script);
    }
}
