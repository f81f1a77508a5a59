package org.oodrunner.framework.run.cluster;

import java.util.Map;
import java.util.Optional;

/**
 * This process as Slurm sees it, from the environment Slurm gives a batch job: the array job and
 * task, the node, and how often the job was requeued ({@code SLURM_RESTART_COUNT}).
 */
public record SlurmTask(String arrayJobId, String arrayTaskId, String jobId, String node, int restartCount) {

    /** The Slurm task this process is, or empty outside Slurm. */
    public static Optional<SlurmTask> fromEnvironment(Map<String, String> env) {
        String job = env.get("SLURM_JOB_ID");
        if (job == null || job.isBlank()) return Optional.empty();
        String arrayJob = env.getOrDefault("SLURM_ARRAY_JOB_ID", job);
        String task = env.get("SLURM_ARRAY_TASK_ID");
        int restarts = 0;
        try {
            restarts = Integer.parseInt(env.getOrDefault("SLURM_RESTART_COUNT", "0").trim());
        } catch (NumberFormatException ignored) {
            // Slurm sets a number; anything else counts as never restarted
        }
        return Optional.of(new SlurmTask(arrayJob, task, job, env.getOrDefault("SLURMD_NODENAME", ""), restarts));
    }

    /** The id Slurm's commands take for this task: {@code JOB_TASK} for an array task. */
    public String id() {
        return arrayTaskId == null ? jobId : arrayJobId + "_" + arrayTaskId;
    }
}
