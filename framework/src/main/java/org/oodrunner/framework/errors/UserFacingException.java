package org.oodrunner.framework.errors;

/**
 * An error the user can act on. The CLI prints {@link #getMessage()} as one line, with no
 * stack trace unless asked, and exits with {@link #exitCode()}.
 */
public abstract class UserFacingException extends RuntimeException {
    protected UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code this error maps to. */
    public abstract int exitCode();
}
