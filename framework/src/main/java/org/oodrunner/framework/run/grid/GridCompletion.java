package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.report.GridReport;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;

/**
 * The end of a grid, however its points ran (one after another here, or as separate processes):
 * the summary table ({@code summary.csv}), the report page, which points did not finish (the
 * record says {@code partial}) and the final status, sent to every tracker of the grid.
 */
final class GridCompletion {
    private GridCompletion() {}

    static RunStatus complete(RunFiles grid, GridSummary summary, List<PointOutcome> points, String title, Tracker tracker) {
        Path csv = grid.artifacts().resolve("summary.csv");
        grid.writeText(csv, summary.toCsv());
        tracker.logArtifact(csv, "summary.csv");
        Path page = GridReport.write(points.stream().map(p -> p.files().dir()).toList(), grid.artifacts().resolve("report.html"),
                title);
        tracker.logArtifact(page, "report.html");
        List<PointOutcome> unfinished = points.stream().filter(p -> !p.finished()).toList();
        ObjectNode run = grid.readRun();
        run.put("partial", !unfinished.isEmpty());
        run.put("finished_points", points.size() - unfinished.size());
        ArrayNode failed = run.putArray("unfinished_points");
        for (PointOutcome p : unfinished) {
            ObjectNode o = failed.addObject();
            o.put("dir", p.files().dir().getFileName().toString());
            o.put("status", p.status().name());
            if (p.failure() != null) o.put("error", p.failure());
        }
        grid.writeJson(grid.runJson(), run);
        RunStatus status = unfinished.isEmpty() ? RunStatus.FINISHED : RunStatus.FAILED;
        tracker.finish(status);
        return status;
    }
}
