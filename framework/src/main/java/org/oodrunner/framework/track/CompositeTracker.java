package org.oodrunner.framework.track;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends everything to several trackers, in order (the local store first, so every other tracker
 * can rely on the store holding what it is told about). From {@code start} until
 * {@code finish}, a JVM shutdown (Ctrl-C, SIGTERM) finishes the run as KILLED in every tracker
 * before the process ends; calls after {@code finish} are ignored.
 */
public final class CompositeTracker implements Tracker {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeTracker.class);

    private final List<Tracker> trackers;
    private Thread onShutdown;
    private boolean finished;

    public CompositeTracker(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
    }

    @Override
    public synchronized void start(RunInfo run) {
        trackers.forEach(t -> t.start(run));
        onShutdown = new Thread(() -> interrupted(run), "run-interrupted");
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    @Override
    public synchronized void logParams(Map<String, String> params) {
        if (!finished) trackers.forEach(t -> t.logParams(params));
    }

    @Override
    public synchronized void logMetric(String key, double value, long step) {
        if (!finished) trackers.forEach(t -> t.logMetric(key, value, step));
    }

    @Override
    public synchronized void setTag(String key, String value) {
        if (!finished) trackers.forEach(t -> t.setTag(key, value));
    }

    @Override
    public synchronized void logArtifact(Path file, String artifactPath) {
        if (!finished) trackers.forEach(t -> t.logArtifact(file, artifactPath));
    }

    @Override
    public synchronized void finish(RunStatus status) {
        if (finished) return;
        finished = true;
        removeShutdownHook();
        trackers.forEach(t -> t.finish(status));
    }

    @Override
    public synchronized void close() {
        removeShutdownHook();
        trackers.forEach(Tracker::close);
    }

    private void interrupted(RunInfo run) {
        synchronized (this) {
            if (finished) return;
            LOG.warn("{}: interrupted; recording it as KILLED", run.name());
            finished = true;
            for (Tracker t : trackers) {
                try {
                    t.finish(RunStatus.KILLED);
                } catch (RuntimeException e) {
                    LOG.warn("{}: could not record the interruption: {}", run.name(), e.toString());
                }
            }
        }
    }

    private void removeShutdownHook() {
        if (onShutdown == null || Thread.currentThread() == onShutdown) return;
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it finishes the run.
        }
        onShutdown = null;
    }
}
