package org.oodrunner.framework.track;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Sends everything to several trackers, in order (the local store first). */
public final class CompositeTracker implements Tracker {
    private final List<Tracker> trackers;

    public CompositeTracker(List<Tracker> trackers) {
        this.trackers = List.copyOf(trackers);
    }

    @Override
    public void start(RunInfo run) {
        trackers.forEach(t -> t.start(run));
    }

    @Override
    public void logParams(Map<String, String> params) {
        trackers.forEach(t -> t.logParams(params));
    }

    @Override
    public void logMetric(String key, double value, long step) {
        trackers.forEach(t -> t.logMetric(key, value, step));
    }

    @Override
    public void setTag(String key, String value) {
        trackers.forEach(t -> t.setTag(key, value));
    }

    @Override
    public void logArtifact(Path file, String artifactPath) {
        trackers.forEach(t -> t.logArtifact(file, artifactPath));
    }

    @Override
    public void finish(RunStatus status) {
        trackers.forEach(t -> t.finish(status));
    }

    @Override
    public void close() {
        trackers.forEach(Tracker::close);
    }
}
