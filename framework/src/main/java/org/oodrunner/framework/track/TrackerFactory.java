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
}
