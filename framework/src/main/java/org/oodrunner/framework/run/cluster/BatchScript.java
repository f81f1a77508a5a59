package org.oodrunner.framework.run.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.oodrunner.framework.spec.model.SlurmSpec;

/**
 * The Slurm batch script of one submission of a grid: one array task per point to run, each
 * running {@code runner run --point GRID INDEX} with the array task id as the index. It asks for a
 * USR1 {@code signalSeconds} before the time limit (to the batch shell, which is the runner:
 * {@code exec}) and is requeueable, so a point stopped by its limit or by preemption saves a
 * checkpoint, requeues itself and resumes. Kept in the grid's record for whoever wonders what ran.
 */
public record BatchScript(String name, Path grid, List<Integer> points, SlurmSpec slurm, String launcher) {

    public String text() {
        StringBuilder sb = new StringBuilder("#!/bin/bash\n");
        sb.append("# Written by `runner run --executor slurm` for the grid in ").append(grid).append('\n');
        sb.append("# One array task per point; each runs the point's frozen spec from the grid's record.\n");
        option(sb, "--job-name", name);
        option(sb, "--output", grid.resolve("slurm/logs/%A_%a.out").toString());
        sb.append("#SBATCH --open-mode=append\n");
        sb.append("#SBATCH --requeue\n");
        option(sb, "--signal", "B:USR1@" + slurm.signalSeconds());
        option(sb, "--cpus-per-task", String.valueOf(slurm.cpusPerTask()));
        option(sb, "--partition", slurm.partition());
        option(sb, "--account", slurm.account());
        option(sb, "--qos", slurm.qos());
        option(sb, "--time", slurm.time());
        option(sb, "--mem", slurm.mem());
        option(sb, "--gres", slurm.gres());
        option(sb, "--gpus-per-task", slurm.gpus() == null ? null : String.valueOf(slurm.gpus()));
        option(sb, "--constraint", slurm.constraint());
        option(sb, "--array", array());
        for (String extra : slurm.extra()) sb.append("#SBATCH ").append(extra.strip()).append('\n');
        sb.append('\n');
        for (String line : slurm.setup()) sb.append(line).append('\n');
        sb.append("exec ").append(launcher).append(" run --point ").append(quote(grid.toString()))
                .append(" \"$SLURM_ARRAY_TASK_ID\"\n");
        return sb.toString();
    }

    /** The array: the points' indices, and {@code %N} when parallelism is limited. */
    public String array() {
        String ids = points.stream().map(String::valueOf).collect(Collectors.joining(","));
        return slurm.parallelism() > 0 ? ids + "%" + slurm.parallelism() : ids;
    }

    private static void option(StringBuilder sb, String name, String value) {
        if (value == null || value.isBlank()) return;
        sb.append("#SBATCH ").append(name).append('=').append(value).append('\n');
    }

    /** A word for the shell, single-quoted. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
