package org.oodrunner.framework.spec;

import java.util.List;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/** {@code --set path=value} overrides, applied after {@code extends} and before the grid; values are YAML. */
public final class Overrides {
    private Overrides() {}

    public static MapNode apply(MapNode spec, List<String> assignments) {
        MapNode out = spec;
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            Position at = new Position("--set " + assignment, 0, 0);
            if (eq <= 0) {
                throw new SpecError(at, "expected PATH=VALUE, e.g. --set train.steps=100");
            }
            SpecPath path = SpecPath.parse(assignment.substring(0, eq).trim());
            if (path == null || path.isRoot()) {
                throw new SpecError(at, "'" + assignment.substring(0, eq) + "' is not a dotted path like model.levels");
            }
            SpecNode value = at(new YamlSpecReader().read(assignment.substring(eq + 1), at.source()), at);
            SpecNode result = Nodes.set(out, path, value, at);
            out = (MapNode) result;
        }
        return out;
    }

    /** The value's nodes all positioned at the --set flag that wrote them. */
    private static SpecNode at(SpecNode node, Position where) {
        if (node instanceof MapNode m) {
            java.util.Map<String, SpecNode> entries = new java.util.LinkedHashMap<>();
            java.util.Map<String, Position> keys = new java.util.LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                entries.put(k, at(v, where));
                keys.put(k, where);
            });
            return new MapNode(entries, keys, where);
        }
        if (node instanceof org.oodrunner.framework.spec.node.ListNode l) {
            return new org.oodrunner.framework.spec.node.ListNode(l.items().stream().map(v -> at(v, where)).toList(), where);
        }
        return new org.oodrunner.framework.spec.node.ScalarNode(((org.oodrunner.framework.spec.node.ScalarNode) node).value(), where);
    }
}
