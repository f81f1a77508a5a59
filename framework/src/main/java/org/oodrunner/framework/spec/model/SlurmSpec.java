package org.oodrunner.framework.spec.model;

import java.util.List;
import org.oodrunner.framework.component.Param;

/**
 * How {@code runner run --executor slurm} asks Slurm for each point of a grid (one array task per
 * point). Every value is optional: the defaults submit to the cluster's default partition with
 * its default limits. Part of {@code runtime}, so it never changes a spec's hash.
 */
public record SlurmSpec(
        @Param(doc = "partition (-p); null: the cluster's default", value = "null") String partition,
        @Param(doc = "account to charge (-A); null: your default", value = "null") String account,
        @Param(doc = "quality of service (--qos); null: the default", value = "null") String qos,
        @Param(doc = "time limit per point, in Slurm's format (e.g. 1-00:00:00 or 90); null: the partition's",
                value = "null") String time,
        @Param(doc = "CPUs per point (--cpus-per-task)", value = "2", min = 1) int cpusPerTask,
        @Param(doc = "memory per point (--mem, e.g. 16G); null: the partition's default", value = "null") String mem,
        @Param(doc = "generic resources per point (--gres, e.g. gpu:1 or gpu:a100:1); null: none", value = "null")
        String gres,
        @Param(doc = "GPUs per point (--gpus-per-task); null: none (or what gres asks)", value = "null", min = 1)
        Integer gpus,
        @Param(doc = "at most this many points at once (the array's %N); 0: as many as Slurm allows", value = "0",
                min = 0) int parallelism,
        @Param(doc = "node features required (--constraint); null: any node", value = "null") String constraint,
        @Param(doc = "extra #SBATCH options, one per entry, e.g. --reservation=paper", value = "[]")
        List<String> extra,
        @Param(doc = "shell lines run on the node before the runner (module loads, environment)", value = "[]")
        List<String> setup,
        @Param(doc = "the runner command on the nodes (e.g. /shared/ood-runner/bin/runner); null: the Java command "
                + "that submitted, with the same class path (needs the same paths on the nodes)", value = "null")
        String launcher,
        @Param(doc = "how many times a point stopped by its time limit or preemption is put back in the queue",
                value = "3", min = 0) int maxRequeues,
        @Param(doc = "seconds before the time limit Slurm tells the point to stop (USR1): it saves a checkpoint and "
                + "requeues itself", value = "120", min = 1) int signalSeconds) {

    public static final SlurmSpec DEFAULTS =
            new SlurmSpec(null, null, null, null, 2, null, null, null, 0, null, List.of(), List.of(), null, 3, 120);
}
