package org.oodrunner.framework.errors;

/**
 * A run stopped on request (Ctrl-C, SIGTERM) at a safe point, its progress checkpointed: exit
 * code 130, as a shell reports a process ended by SIGINT. The message says how to continue.
 */
public class RunInterruptedException extends UserFacingException {
    public static final int EXIT_CODE = 130;

    public RunInterruptedException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
