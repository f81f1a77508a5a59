package org.oodrunner.framework.report;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a claim measures in one run: the number at a JSON Pointer into results.json, the
 * difference of two ({@code {difference: [A, B]}}: A - B), or the largest or smallest value of
 * an evaluation history over training ({@code {over_training: eval/KEY, take: max}}: the run's
 * {@code eval.every} values in metrics.jsonl after step 0, which is the untrained model), for
 * claims about every point of training rather than its end.
 */
record ClaimValue(JsonPointer a, JsonPointer b, String curve, boolean takeMax) {
    static ClaimValue of(JsonPointer pointer) {
        return new ClaimValue(pointer, null, null, false);
    }

    static ClaimValue difference(JsonPointer a, JsonPointer b) {
        return new ClaimValue(a, b, null, false);
    }

    static ClaimValue overTraining(String key, boolean takeMax) {
        return new ClaimValue(null, null, key, takeMax);
    }

    /** The value in the run; null and {@code missing} told what has no number there. */
    Double in(FinishedRun run, List<String> missing) {
        if (curve != null) return overTraining(run, missing);
        JsonNode results = run.results();
        Double x = number(results, a, missing);
        if (b == null) return x;
        Double y = number(results, b, missing);
        return x == null || y == null ? null : x - y;
    }

    private static Double number(JsonNode results, JsonPointer p, List<String> missing) {
        JsonNode v = results.at(p);
        if (v.isNumber()) return v.asDouble();
        missing.add(p + (v.isMissingNode() ? " is missing" : " is not a number (" + v + ")") + nearest(results, p));
        return null;
    }

    /** What exists at the deepest part of the pointer that does, so a typo can be seen. */
    private static String nearest(JsonNode results, JsonPointer p) {
        List<JsonPointer> prefixes = new ArrayList<>();
        for (JsonPointer q = p.head(); q != null; q = q.head()) prefixes.add(q);
        for (JsonPointer q : prefixes) {
            JsonNode node = results.at(q);
            if (node.isObject()) {
                List<String> keys = new ArrayList<>();
                node.fieldNames().forEachRemaining(k -> keys.add(k.replace("~", "~0").replace("/", "~1")));
                return "; " + (q.toString().isEmpty() ? "the top level" : q.toString()) + " has " + String.join(", ", keys);
            }
        }
        return "";
    }

    private Double overTraining(FinishedRun run, List<String> missing) {
        Double best = null;
        for (RunRecord.Curve c : RunRecord.read(run.dir()).evaluationCurves()) {
            if (!("eval/" + c.model() + "/" + c.metric()).equals(curve)) continue;
            for (int i = 0; i < c.steps().length; i++) {
                double v = c.values()[i];
                if (c.steps()[i] == 0 || Double.isNaN(v)) continue;
                if (best == null || (takeMax ? v > best : v < best)) best = v;
            }
        }
        if (best == null) {
            missing.add(curve + " has no values after step 0 in metrics.jsonl (run the spec with eval.every: N, and "
                    + "check the key against the eval/ lines there)");
        }
        return best;
    }

    @Override
    public String toString() {
        if (curve != null) return (takeMax ? "max" : "min") + " of " + curve + " over training (steps > 0)";
        return b == null ? a.toString() : a + " - " + b;
    }
}
