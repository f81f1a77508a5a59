package org.oodrunner.framework.errors;

/**
 * A run started and could not finish (missing data, divergence, an I/O failure): exit code 1.
 * What the run already wrote (checkpoints, metrics) stays on disk.
 */
public class RunFailedException extends UserFacingException {
    public static final int EXIT_CODE = 1;

    public RunFailedException(String message) {
        super(message, null);
    }

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
