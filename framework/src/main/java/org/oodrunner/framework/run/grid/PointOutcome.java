package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.track.FinishedRun;
import org.oodrunner.framework.track.RunStatus;

/**
 * How one point of a grid ended up.
 *
 * @param results the point's results.json (from this invocation or an earlier one), or null
 * @param elsewhere the tracking server's finished run, when that is why it was skipped
 * @param failure why the point failed, or null
 */
public record PointOutcome(ResolvedSpec spec, RunFiles files, PointAction action, RunStatus status, JsonNode results,
        FinishedRun elsewhere, String failure) {

    public boolean finished() {
        return status == RunStatus.FINISHED;
    }
}
