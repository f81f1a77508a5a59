package org.oodrunner.framework.report;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a claim measures in one run's results.json: the number at a JSON Pointer, or the
 * difference of two ({@code {difference: [A, B]}}: A - B).
 */
record ClaimValue(JsonPointer a, JsonPointer b) {
    static ClaimValue of(JsonPointer pointer) {
        return new ClaimValue(pointer, null);
    }

    static ClaimValue difference(JsonPointer a, JsonPointer b) {
        return new ClaimValue(a, b);
    }

    /** The value in {@code results}; null and {@code missing} told which pointer has no number there. */
    Double in(JsonNode results, List<String> missing) {
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

    @Override
    public String toString() {
        return b == null ? a.toString() : a + " - " + b;
    }
}
