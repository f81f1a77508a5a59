package org.oodrunner.framework.track.mlflow;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that a tracking server is unreachable, and once that it is back, however many runs
 * and retries there are in between (a grid of a hundred runs during an outage gives one warning,
 * not a hundred). The same for a server that refuses the credentials.
 */
final class OutageNotices {
    private static final Logger LOG = LoggerFactory.getLogger(OutageNotices.class);

    private final Set<String> down = new HashSet<>();
    private final Set<String> refused = new HashSet<>();

    synchronized void unreachable(MlflowTarget target, String reason) {
        if (down.add(target.uri())) {
            LOG.warn("{}; training goes on and everything is kept in the local run store, to be sent when the server "
                    + "answers again (or with `runner sync RUN_DIR`)", reason);
        } else {
            LOG.debug("still unreachable: {}", reason);
        }
    }

    /** Says once per server that it refuses the credentials: nothing is sent to it until they are fixed. */
    synchronized void refused(MlflowTarget target, String reason) {
        if (refused.add(target.uri())) {
            LOG.warn("{}; the run goes on and stays complete in the local run store: `runner sync RUN_DIR` sends it "
                    + "once the credentials are fixed", reason);
        } else {
            LOG.debug("still refused: {}", reason);
        }
    }

    synchronized void reachable(MlflowTarget target) {
        if (down.remove(target.uri())) LOG.info("MLflow at {} answers again; catching up", target);
    }
}
