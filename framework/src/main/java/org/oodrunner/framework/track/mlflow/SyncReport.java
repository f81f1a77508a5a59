package org.oodrunner.framework.track.mlflow;

import java.util.ArrayList;
import java.util.List;

/** What one sync of one run sent, and what it could not. */
public final class SyncReport {
    private final String runName;
    String runId;
    String url;
    int params;
    int tags;
    int metrics;
    int artifacts;
    long artifactBytes;
    boolean statusSent;
    final List<String> problems = new ArrayList<>();

    SyncReport(String runName) {
        this.runName = runName;
    }

    public String runName() {
        return runName;
    }

    /** The MLflow run id, or null when the run could not be made. */
    public String runId() {
        return runId;
    }

    /** The run's page in the MLflow UI. */
    public String url() {
        return url;
    }

    public int params() {
        return params;
    }

    public int tags() {
        return tags;
    }

    public int metrics() {
        return metrics;
    }

    public int artifacts() {
        return artifacts;
    }

    public long artifactBytes() {
        return artifactBytes;
    }

    public boolean statusSent() {
        return statusSent;
    }

    /** Things left unsent on purpose or refused by the server, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** True when the server already had everything. */
    public boolean nothingSent() {
        return params == 0 && tags == 0 && metrics == 0 && artifacts == 0 && !statusSent;
    }

    /** One line: what was sent and where. */
    public String summary() {
        String what = nothingSent() ? "up to date"
                : String.format(java.util.Locale.ROOT, "%d params, %d tags, %d metric values, %d artifacts (%s)%s", params, tags, metrics,
                        artifacts, bytes(artifactBytes), statusSent ? ", status" : "");
        return runName + ": " + what + (url != null ? " -> " + url : "");
    }

    private static String bytes(long b) {
        if (b < 1024) return b + " B";
        if (b < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KiB", b / 1024.0);
        return String.format(java.util.Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
}
