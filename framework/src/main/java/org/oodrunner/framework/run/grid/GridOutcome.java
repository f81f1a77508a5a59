package org.oodrunner.framework.run.grid;

import java.util.List;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.RunStatus;

/**
 * A grid after a {@link GridRunner#run}: its own record in the store, each point's outcome in grid
 * order, its status (FINISHED when every point is), and whether anything ran this time.
 */
public record GridOutcome(RunFiles grid, List<PointOutcome> points, RunStatus status, boolean ranAnything,
        GridSummary summary) {

    public long failed() {
        return points.stream().filter(p -> !p.finished()).count();
    }
}
