package org.oodrunner.framework.run;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * A request to stop the runs of this process at the next safe point: training stops after the
 * step in progress and saves a checkpoint, a run between stages stops before the next one, and
 * the run is recorded as KILLED. The CLI requests it on Ctrl-C (SIGINT) or SIGTERM; tests
 * request it to interrupt a run at a chosen step.
 */
@Singleton
public final class StopSignal {
    private volatile String reason;

    @Inject
    public StopSignal() {}

    /** Asks every run of this process to stop; the first reason given is kept. */
    public void request(String why) {
        synchronized (this) {
            if (reason == null) reason = why;
        }
    }

    /** Cheap enough to poll after every training step (one volatile read). */
    public boolean requested() {
        return reason != null;
    }

    /** Why the stop was requested, or null. */
    public String reason() {
        return reason;
    }
}
