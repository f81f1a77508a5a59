package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Where the graph runs; none of this changes what a run computes, so it is not part of the spec hash. */
public record RuntimeSpec(
        @Param(doc = "cpu, gpu, or auto (the GPU when the GPU build finds one)", value = "cpu") Device device,
        @Param(doc = "threads inside one op; 0 lets TensorFlow choose (measured best on CPU)", value = "0", min = 0)
        int intraOpThreads,
        @Param(doc = "ops run in parallel; 0 lets TensorFlow choose", value = "0", min = 0) int interOpThreads,
        @Param(doc = "compile the graphs with XLA (TensorFlow's JIT, whole clusters of ops fused); on a CPU it needs "
                + "TF_XLA_FLAGS=--tf_xla_cpu_global_jit in the environment (bin/runner sets it)", value = "false")
        boolean xla,
        @Param(doc = "how `runner run --executor slurm` asks Slurm for each point", value = "{}") SlurmSpec slurm) {

    /** The default settings but for the device and thread counts: XLA off, Slurm's defaults. */
    public RuntimeSpec(Device device, int intraOpThreads, int interOpThreads) {
        this(device, intraOpThreads, interOpThreads, false);
    }

    /** The default settings but for the device, thread counts and XLA: Slurm's defaults. */
    public RuntimeSpec(Device device, int intraOpThreads, int interOpThreads, boolean xla) {
        this(device, intraOpThreads, interOpThreads, xla, SlurmSpec.DEFAULTS);
    }

    public enum Device {
        CPU,
        GPU,
        AUTO
    }
}
