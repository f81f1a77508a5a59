package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flattens a spec into dotted-key parameters ({@code train.optimizer.lr}, {@code data.ood[0].dataset}). */
public final class Params {
    private Params() {}

    public static Map<String, String> flatten(JsonNode spec) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(spec, "", out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> out) {
        if (node.isObject() && node.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else if (node.isArray() && containsContainers(node)) {
            for (int i = 0; i < node.size(); i++) flatten(node.get(i), prefix + "[" + i + "]", out);
        } else if (!prefix.isEmpty()) {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }

    private static boolean containsContainers(JsonNode array) {
        for (JsonNode n : array) {
            if (n.isContainerNode()) return true;
        }
        return false;
    }
}
