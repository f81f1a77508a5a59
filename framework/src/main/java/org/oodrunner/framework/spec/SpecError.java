package org.oodrunner.framework.spec;

import org.oodrunner.framework.errors.BadInputException;

/** A problem in a spec, reported as {@code file:line:column: what is wrong (how to fix it)}. */
public class SpecError extends BadInputException {
    private final Position position;
    private final String problem;

    public SpecError(Position position, String problem) {
        this(position, problem, null);
    }

    public SpecError(Position position, String problem, Throwable cause) {
        super(position + ": " + problem, cause);
        this.position = position;
        this.problem = problem;
    }

    public Position position() {
        return position;
    }

    /** The message without its position. */
    public String problem() {
        return problem;
    }
}
