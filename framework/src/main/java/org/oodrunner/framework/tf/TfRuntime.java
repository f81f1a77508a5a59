package org.oodrunner.framework.tf;

import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * One graph and its session, for the lifetime of a run. Models add ops through {@link #tf()};
 * the session is opened once the graph is built.
 */
public final class TfRuntime implements AutoCloseable {
    private final Graph graph;
    private final Ops tf;
    private final ConfigProto config;
    private Session session;

    public TfRuntime(RuntimeSpec runtime) {
        this.graph = new Graph();
        this.tf = Ops.create(graph);
        this.config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(runtime.intraOpThreads())
                .setInterOpParallelismThreads(runtime.interOpThreads())
                .setAllowSoftPlacement(true)
                .build();
    }

    public Graph graph() {
        return graph;
    }

    public Ops tf() {
        return tf;
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
