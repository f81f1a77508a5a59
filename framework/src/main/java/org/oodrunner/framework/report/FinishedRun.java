package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.oodrunner.framework.errors.BadInputException;

/**
 * A finished run as the results tables read it: its {@code run.json}, {@code results.json} and,
 * when present, {@code spec.effective.json} (an empty object when absent).
 */
record FinishedRun(Path dir, JsonNode run, JsonNode results, JsonNode effectiveSpec) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The run's name as results.json gives it (a grid point's carries its axes). */
    String name() {
        return results.path("run").path("name").asText(dir.getFileName().toString());
    }

    String hash() {
        return results.path("run").path("hash").asText(dir.getFileName().toString());
    }

    /** Reads a run directory; refused in one line when it is not a finished run. */
    static FinishedRun read(Path dir) {
        Path results = dir.resolve("results.json");
        Path run = dir.resolve("run.json");
        JsonNode runJson = Files.isRegularFile(run) ? json(run) : JSON.createObjectNode();
        String status = runJson.path("status").asText("");
        if (!Files.isRegularFile(results) || !(status.isEmpty() || status.equals("FINISHED"))) {
            String state = status.isEmpty() ? "has no results.json" : "has not finished (status " + status + ")";
            throw new BadInputException(dir + " " + state + ": give the directory of a finished run (<out>/<name>-<hash>) "
                    + "or of a grid (<out>/<name>-grid-<hash>); an unfinished run finishes when its spec is run again");
        }
        Path effective = dir.resolve("spec.effective.json");
        return new FinishedRun(dir, runJson, json(results),
                Files.isRegularFile(effective) ? json(effective) : JSON.createObjectNode());
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
