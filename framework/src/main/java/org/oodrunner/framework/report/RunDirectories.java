package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.errors.BadInputException;

/**
 * The run directories a results table is made of: each directory given is a run
 * ({@code <out>/<name>-<hash>}) or a grid's record ({@code <out>/<name>-grid-<hash>}, run.json
 * with {@code kind: grid}), which stands for its points' runs in point order (they live beside
 * it, in the same store). Every run must have finished.
 */
final class RunDirectories {
    private RunDirectories() {}

    /** The finished runs the directories stand for, in order; a run named twice is refused. */
    static List<FinishedRun> read(List<Path> dirs) {
        if (dirs.isEmpty()) throw new BadInputException("name at least one run or grid directory");
        List<FinishedRun> runs = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path dir : dirs) {
            for (Path run : expand(dir)) {
                if (!seen.add(run.toAbsolutePath().normalize())) {
                    throw new BadInputException(run + " is named twice (directly or through its grid); name each run once");
                }
                runs.add(FinishedRun.read(run));
            }
        }
        return runs;
    }

    /** A run directory as itself; a grid record as its points' run directories, each checked to have finished. */
    static List<Path> expand(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a directory: give a run directory (<out>/<name>-<hash>) "
                    + "or a grid directory (<out>/<name>-grid-<hash>)");
        }
        Path runJson = dir.resolve("run.json");
        JsonNode run = Files.isRegularFile(runJson) ? FinishedRun.json(runJson) : null;
        if (run == null || !"grid".equals(run.path("kind").asText())) {
            if (run == null && !Files.isRegularFile(dir.resolve("results.json"))) {
                throw new BadInputException(dir + " is neither a run directory (results.json) nor a grid's record "
                        + "(run.json with kind: grid): give <out>/<name>-<hash> or <out>/<name>-grid-<hash>");
            }
            return List.of(dir);
        }
        List<Path> points = new ArrayList<>();
        JsonNode list = run.path("points");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            Path point = dir.resolveSibling(p.path("dir").asText());
            Path pointRun = point.resolve("run.json");
            String status = Files.isRegularFile(pointRun) ? FinishedRun.json(pointRun).path("status").asText("unknown")
                    : "not started";
            if (!status.equals("FINISHED") || !Files.isRegularFile(point.resolve("results.json"))) {
                throw new BadInputException("grid " + dir + ": point " + i + " " + p.path("name").asText() + " ("
                        + point.getFileName() + ") has not finished (" + status + "): wait for the grid to end "
                        + "(runner status " + dir + "), run its spec again to finish it, or name the finished points' "
                        + "directories instead of the grid");
            }
            points.add(point);
        }
        if (points.isEmpty()) throw new BadInputException("grid " + dir + " lists no points in its run.json");
        return points;
    }
}
