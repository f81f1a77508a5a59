package org.oodrunner.framework.errors;

/** The spec, a flag or a file the user gave is wrong: exit code 2, nothing has run. */
public class BadInputException extends UserFacingException {
    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
