package org.oodrunner.framework.track;

/** A run's state, as MLflow names them. */
public enum RunStatus {
    RUNNING,
    FINISHED,
    FAILED,
    KILLED
}
