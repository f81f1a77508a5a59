package org.oodrunner.framework.errors;

/**
 * A run stopped on request (Ctrl-C, SIGTERM) at a safe point, its progress checkpointed: exit
 * code 130, as a shell reports a process ended by SIGINT. The message says how to continue.
 */
public class RunInterruptedException extends UserFacingException {
    public static final int EXIT_CODE = 130;

    private final boolean saysHowToContinue;

    /** @param message what was interrupted and how to continue */
    public RunInterruptedException(String message) {
        this(message, true);
    }

    private RunInterruptedException(String message, boolean saysHowToContinue) {
        super(message, null);
        this.saysHowToContinue = saysHowToContinue;
    }

    /**
     * Raised deep inside a stage that cannot know how its caller continues (a run resumes, an
     * evaluation is started again); the caller adds that with {@link #continueWith}.
     */
    public static RunInterruptedException withoutHint(String what) {
        return new RunInterruptedException(what, false);
    }

    /** This interruption, saying how to continue unless it already does. */
    public RunInterruptedException continueWith(String command) {
        return saysHowToContinue ? this : new RunInterruptedException(getMessage() + "; continue with: " + command);
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
