package org.oodrunner.framework.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Grid axis values compared as JSON text reads them: 16 written in YAML (a long) equals 16 read
 * from results.json (an int), which Jackson's node equality would not say.
 */
final class AxisValues {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AxisValues() {}

    static JsonNode normal(JsonNode value) {
        try {
            return JSON.readTree(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON value did not read back", e);
        }
    }

    /** Whether the run's grid axes (results.json {@code run.axes}) have every value of {@code where}. */
    static boolean match(FinishedRun run, Map<String, JsonNode> where) {
        JsonNode axes = run.results().path("run").path("axes");
        for (Map.Entry<String, JsonNode> w : where.entrySet()) {
            JsonNode v = axes.get(w.getKey());
            if (v == null || !normal(v).equals(w.getValue())) return false;
        }
        return true;
    }
}
