package org.oodrunner.framework.track.mlflow;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once that a tracking server is unreachable, and once that it is back, however many runs
 * and retries there are in between (a grid of a hundred runs during an outage gives one warning,
 * not a hundred).
 */
final class OutageNotices {
    private static final Logger LOG = LoggerFactory.getLogger(OutageNotices.class);

    private final Set<String> down = new HashSet<>();

    synchronized void unreachable(MlflowTarget target, String reason) {
        if (down.add(target.uri())) {
            LOG.warn("{}; training goes on and everything is kept in the local run store, to be sent when the server "
                    + "answers again (or with `runner sync RUN_DIR`)", reason);
        } else {
            LOG.debug("still unreachable: {}", reason);
        }
    }

    synchronized void reachable(MlflowTarget target) {
        if (down.remove(target.uri())) LOG.info("MLflow at {} answers again; catching up", target);
    }
}
