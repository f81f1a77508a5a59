package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Where the graph runs; none of this changes what a run computes, so it is not part of the spec hash. */
public record RuntimeSpec(
        @Param(doc = "cpu, gpu, or auto (the GPU when the GPU build finds one)", value = "cpu") Device device,
        @Param(doc = "threads inside one op; 0 lets TensorFlow choose (measured best on CPU)", value = "0", min = 0)
        int intraOpThreads,
        @Param(doc = "ops run in parallel; 0 lets TensorFlow choose", value = "0", min = 0) int interOpThreads,
        @Param(doc = "how `runner run --executor slurm` asks Slurm for each point", value = "{}") SlurmSpec slurm) {

    /** A runtime without Slurm settings (their defaults). */
    public RuntimeSpec(Device device, int intraOpThreads, int interOpThreads) {
        this(device, intraOpThreads, interOpThreads, SlurmSpec.DEFAULTS);
    }

    public enum Device {
        CPU,
        GPU,
        AUTO
    }
}
