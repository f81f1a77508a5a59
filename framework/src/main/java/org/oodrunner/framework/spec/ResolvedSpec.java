package org.oodrunner.framework.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.oodrunner.framework.spec.model.ExperimentSpec;

/**
 * One concrete run of a spec file: the typed spec, its content hash, the grid axes that made it
 * (empty for a plain spec), the resolved values as written (before defaults) and where each
 * was written.
 */
public record ResolvedSpec(
        ExperimentSpec spec,
        String hash,
        Map<String, Object> axes,
        JsonNode written,
        JsonNode effective,
        SourceMap sources) {

    /** The run's name: the spec's name plus its grid coordinates, if any. */
    public String runName() {
        if (axes.isEmpty()) return spec.name();
        StringBuilder sb = new StringBuilder(spec.name()).append('[');
        boolean first = true;
        for (Map.Entry<String, Object> e : axes.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append(']').toString();
    }
}
