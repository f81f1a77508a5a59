package org.oodrunner.framework.run.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.SpecPath;

/**
 * Which {@code --set} overrides an evaluation accepts: those that change how the trained model
 * is judged (scorers, metrics, analyses, evaluation batching and intervals, the test and OOD
 * sets, where the graph runs), never what was trained. Anything else is refused with one line
 * naming the key and what it would change.
 */
final class EvaluationOverrides {
    private static final Set<String> ALLOWED = Set.of("scorers", "metrics", "analyses", "eval", "runtime", "data.test",
            "data.ood");
    private static final String ALLOWED_TEXT = "scorers, metrics, analyses, eval.*, data.test, data.ood and runtime.*";
    /** Why a key may not change, by its first one or two segments; anything not listed: it is no part of an evaluation. */
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("model", "it is the architecture of the trained model"),
            Map.entry("train", "it is how the model was trained"),
            Map.entry("seed", "it seeded the model's initialisation and training data order"),
            Map.entry("data", "it includes the training data and its preprocessing"),
            Map.entry("data.train", "it is the data the model was trained on"),
            Map.entry("data.validation", "it decides which training images the model saw"),
            Map.entry("data.preprocess", "it is the input the model was trained on"),
            Map.entry("name", "it names the run being evaluated"),
            Map.entry("tracking", "an evaluation is kept in the run directory only"),
            Map.entry("samples", "an evaluation draws no samples"),
            Map.entry("export", "an evaluation exports nothing"));
    /** The parts of the effective spec that must stay as the run had them, as JSON pointers. */
    private static final List<String> FROZEN = List.of("/name", "/seed", "/model", "/train", "/data/train",
            "/data/validation", "/data/preprocess");

    private EvaluationOverrides() {}

    /** Refuses the first override that would change the trained model; a malformed one is left to the spec loader. */
    static void check(List<String> assignments) {
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            SpecPath path = eq <= 0 ? null : SpecPath.parse(assignment.substring(0, eq).trim());
            if (path == null || path.isRoot()) continue;
            String first = String.valueOf(path.segments().get(0));
            String two = path.segments().size() > 1 ? first + "." + path.segments().get(1) : first;
            if (ALLOWED.contains(first) || ALLOWED.contains(two)) continue;
            String reason = REASONS.getOrDefault(two, REASONS.getOrDefault(first, "it is no part of an evaluation"));
            throw new BadInputException("--set " + assignment + ": evaluate cannot change " + path + " (" + reason
                    + "); it may change only " + ALLOWED_TEXT + ". Train a new run for other changes");
        }
    }

    /** A second line of defence after loading: the parts that made the model must be exactly the run's. */
    static void checkUnchanged(JsonNode runEffective, JsonNode evaluationEffective) {
        for (String pointer : FROZEN) {
            if (!runEffective.at(pointer).equals(evaluationEffective.at(pointer))) {
                throw new BadInputException("the overrides change " + pointer.substring(1).replace('/', '.')
                        + ", which made the trained model; evaluate may change only " + ALLOWED_TEXT);
            }
        }
    }
}
