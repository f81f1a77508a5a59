package org.oodrunner.framework.tf;

import java.util.Optional;
import java.util.function.Supplier;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;

/**
 * One graph and its session, for the lifetime of a run. Models add ops through {@link #tf()};
 * the session is opened once the graph is built.
 *
 * <p>Device: {@code cpu} hides every GPU from the session (even with the GPU build); {@code gpu}
 * requires a usable GPU and fails with the reason when there is none; {@code auto} uses one when
 * there is one and says so in the log when it falls back. On a GPU TensorFlow places every op
 * that has a GPU kernel there and the rest on the CPU (soft placement), growing GPU memory as
 * needed rather than taking all of it.
 *
 * <p>{@code xla} turns on TensorFlow's graph-level JIT (global_jit_level ON_1): clusters of ops
 * are compiled by XLA into fused kernels on their first run. On a CPU, TensorFlow applies that
 * level only when its XLA flags (the environment variable TF_XLA_FLAGS, read once per process)
 * include {@code --tf_xla_cpu_global_jit}.
 */
public final class TfRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TfRuntime.class);

    /** Where the session runs. */
    public enum Placement {
        CPU,
        GPU
    }

    private final Graph graph;
    private final Ops tf;
    private final ConfigProto config;
    private final Placement placement;
    private Session session;

    public TfRuntime(RuntimeSpec runtime) {
        this(runtime, GpuProbe::unavailable);
    }

    /** @param gpuProbe empty when a GPU is usable, otherwise why not (see {@link GpuProbe}) */
    TfRuntime(RuntimeSpec runtime, Supplier<Optional<String>> gpuProbe) {
        this.placement = place(runtime.device(), gpuProbe);
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(runtime.intraOpThreads())
                .setInterOpParallelismThreads(runtime.interOpThreads())
                .setAllowSoftPlacement(true);
        if (placement == Placement.CPU) {
            config.putDeviceCount("GPU", 0);
        } else {
            config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        }
        if (runtime.xla()) {
            config.setGraphOptions(GraphOptions.newBuilder().setOptimizerOptions(
                    OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1)));
            if (placement == Placement.CPU && !cpuJitEnabled(System.getenv("TF_XLA_FLAGS"))) {
                LOG.warn("runtime.xla is set but TensorFlow compiles nothing on the CPU unless the environment has "
                        + "TF_XLA_FLAGS=--tf_xla_cpu_global_jit when it starts (bin/runner sets it)");
            }
        }
        this.config = config.build();
        this.graph = new Graph();
        this.tf = Ops.create(graph);
    }

    /** Whether TensorFlow's XLA flags (read once, from the environment) let a session's JIT level apply on the CPU. */
    static boolean cpuJitEnabled(String xlaFlags) {
        return xlaFlags != null && java.util.Arrays.stream(xlaFlags.trim().split("\\s+"))
                .anyMatch(f -> f.equals("--tf_xla_cpu_global_jit") || f.equals("--tf_xla_cpu_global_jit=true"));
    }

    /** The session's settings (threads, devices, the JIT level). */
    public ConfigProto config() {
        return config;
    }

    private static Placement place(RuntimeSpec.Device device, Supplier<Optional<String>> gpuProbe) {
        if (device == RuntimeSpec.Device.CPU) return Placement.CPU;
        Optional<String> why = gpuProbe.get();
        if (why.isEmpty()) {
            LOG.info("runtime.device {}: running on the GPU", device.name().toLowerCase(java.util.Locale.ROOT));
            return Placement.GPU;
        }
        if (device == RuntimeSpec.Device.GPU) {
            throw new RunFailedException("runtime.device is gpu but " + why.get()
                    + "; or set runtime.device: auto to fall back to the CPU");
        }
        LOG.info("runtime.device auto: no GPU, running on the CPU: {}", why.get());
        return Placement.CPU;
    }

    public Graph graph() {
        return graph;
    }

    public Ops tf() {
        return tf;
    }

    public Placement placement() {
        return placement;
    }

    /** The session, opened (and variables initialised) on first use. */
    public Session session() {
        if (session == null) {
            session = new Session(graph, config);
            session.initialize();
        }
        return session;
    }

    @Override
    public void close() {
        if (session != null) session.close();
        graph.close();
    }
}
