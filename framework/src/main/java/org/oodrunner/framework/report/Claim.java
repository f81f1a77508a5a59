package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.spec.Position;

/**
 * One row of a "Paper vs here" table, as a claims file writes it.
 *
 * @param runs the run or grid directories that measure it here, as written (empty: not run here)
 * @param where grid axis values a run must have to count (e.g. {@code model.mask: cyclic}), to pick one
 *     experiment's seeds out of a grid over more axes; empty: every run
 * @param varies settings besides seed, runtime and tracking that may differ between the claim's runs (dotted
 *     spec paths, e.g. {@code data.features.run}: each seed's flow reads its own seed's classifier)
 * @param value what is measured in each run's results.json (null when not run here)
 * @param holdsIf the direction the paper's claim needs (null when not run here)
 * @param section the Markdown link target of the section with the details, e.g. {@code #glow-on-fashion-mnist}
 * @param note optional text: e.g. what the claim needs that this machine lacks
 */
record Claim(String claim, String paper, List<Written<String>> runs, Map<String, JsonNode> where, List<String> varies,
             Written<ClaimValue> value, Threshold holdsIf,
             String command, String section, String note, Position position) {
    /** A value with where it was written, so problems found later (a missing pointer) name file:line:column. */
    record Written<T>(T value, Position position) {}
}
