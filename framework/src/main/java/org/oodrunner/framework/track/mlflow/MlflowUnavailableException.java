package org.oodrunner.framework.track.mlflow;

/** The tracking server could not be reached or did not answer properly: try again later, nothing is lost. */
public final class MlflowUnavailableException extends RuntimeException {
    public MlflowUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
