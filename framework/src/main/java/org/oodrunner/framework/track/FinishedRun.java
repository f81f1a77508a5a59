package org.oodrunner.framework.track;

import java.util.Map;

/**
 * A finished run of a spec that a tracker knows of (found by spec hash), for a grid to skip.
 *
 * @param where the run, for people: e.g. its MLflow UI address
 * @param metrics the run's last metric values, by the tracker's metric names
 */
public record FinishedRun(String where, Map<String, Double> metrics) {
    public FinishedRun {
        metrics = Map.copyOf(metrics);
    }
}
