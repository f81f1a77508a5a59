package org.oodrunner.framework.run.grid;

/** What a grid does with one of its points, decided from the point's record in the store. */
public enum PointAction {
    RUN("running"),
    RESUME("resuming: it was interrupted"),
    RERUN_FAILED("running again: it failed"),
    RERUN_FORCED("running again: --force"),
    SKIP_FINISHED("already finished, skipped"),
    SKIP_FINISHED_ELSEWHERE("already finished on the tracking server, skipped");

    private final String description;

    PointAction(String description) {
        this.description = description;
    }

    public boolean runs() {
        return this != SKIP_FINISHED && this != SKIP_FINISHED_ELSEWHERE;
    }

    public String description() {
        return description;
    }
}
