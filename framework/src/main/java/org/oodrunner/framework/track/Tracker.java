package org.oodrunner.framework.track;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run's record goes: parameters, metrics with steps, tags, artifacts and a final
 * status. The run code talks to this interface only; the local run store is always one
 * implementation, a tracking server may be another.
 */
public interface Tracker extends AutoCloseable {
    void start(RunInfo run);

    void logParams(Map<String, String> params);

    void logMetric(String key, double value, long step);

    void setTag(String key, String value);

    /** Records a file produced by the run under {@code artifactPath} (relative, forward slashes). */
    void logArtifact(Path file, String artifactPath);

    void finish(RunStatus status);

    @Override
    default void close() {}
}
