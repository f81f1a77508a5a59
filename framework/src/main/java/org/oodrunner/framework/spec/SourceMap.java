package org.oodrunner.framework.spec;

import java.util.HashMap;
import java.util.Map;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.SpecNode;

/**
 * Where each value of a resolved spec was written, by JSON pointer, so that checks made on the
 * JSON form (schema validation, binding, cross-field checks) still report {@code file:line:column}.
 */
public final class SourceMap {
    private final Map<String, Position> values = new HashMap<>();
    private final Map<String, Position> keys = new HashMap<>();

    public static SourceMap of(SpecNode root) {
        SourceMap map = new SourceMap();
        map.index(root, "");
        return map;
    }

    private void index(SpecNode node, String pointer) {
        values.put(pointer, node.position());
        if (node instanceof MapNode m) {
            for (var e : m.entries().entrySet()) {
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                keys.put(child, m.keyPosition(e.getKey()));
                index(e.getValue(), child);
            }
        } else if (node instanceof ListNode l) {
            for (int i = 0; i < l.size(); i++) index(l.get(i), pointer + "/" + i);
        }
    }

    /** The position of the value at {@code pointer}, or of its nearest written ancestor. */
    public Position value(String pointer) {
        String p = pointer;
        while (true) {
            Position at = values.get(p);
            if (at != null) return at;
            if (p.isEmpty()) return Position.UNKNOWN;
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The position of the key that holds {@code pointer}'s value (falls back to the value). */
    public Position key(String pointer) {
        Position at = keys.get(pointer);
        return at != null ? at : value(pointer);
    }

    public Position value(SpecPath path) {
        return value(path.toPointer());
    }

    public Position key(SpecPath path) {
        return key(path.toPointer());
    }
}
