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

/**
 * One graph and its session, for the lifetime of a run. Models add ops through {@link #tf()};
 * the session is opened once the graph is built.
 *
 * <p>Device: {@code cpu} hides every GPU from the session (even with the GPU build); {@code gpu}
 * requires a usable GPU and fails with the reason when there is none; {@code auto} uses one when
 * there is one and says so in the log when it falls back. On a GPU TensorFlow places every op
 * that has a GPU kernel there and the rest on the CPU (soft placement), growing GPU memory as
 * needed rather than taking all of it.
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
        this.config = config.build();
        this.graph = new Graph();
        this.tf = Ops.create(graph);
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
