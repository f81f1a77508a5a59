package org.oodrunner.framework.track;

import java.util.Optional;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.spec.ResolvedSpec;

/**
 * Makes an extra tracker for a run (a tracking server), or none when it is not configured.
 * Bound through Guice; the local run store needs none.
 */
public interface TrackerFactory {
    Optional<Tracker> create(ResolvedSpec run, RunFiles files);

    /** Refuses, before anything runs, tracking settings this factory cannot use (a bad server URI). */
    default void check(ResolvedSpec run) {}

    /** A FINISHED run of the same spec (same hash) that this tracker's server already holds, if any. */
    default Optional<FinishedRun> findFinished(ResolvedSpec run) {
        return Optional.empty();
    }
}
