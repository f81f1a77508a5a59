package org.oodrunner.framework.track.mlflow;

/** The tracking server answered and refused the request (HTTP 4xx): sending it again will not help. */
public final class MlflowRejectedException extends RuntimeException {
    private final int statusCode;
    private final String errorCode;

    public MlflowRejectedException(String message, int statusCode, String errorCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The server wants other credentials (HTTP 401) or refuses this user (HTTP 403). */
    public boolean unauthorized() {
        return statusCode == 401 || statusCode == 403;
    }

    /** MLflow's error code, e.g. {@code RESOURCE_DOES_NOT_EXIST}; empty when the answer had none. */
    public String errorCode() {
        return errorCode;
    }
}
