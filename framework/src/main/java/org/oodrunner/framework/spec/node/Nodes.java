package org.oodrunner.framework.spec.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.spec.Position;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.SpecPath;

/** Reading and rewriting spec trees by path; every rewrite returns a new tree. */
public final class Nodes {
    private Nodes() {}

    /** The node at {@code path}, or null when some segment is missing. */
    public static SpecNode get(SpecNode root, SpecPath path) {
        SpecNode cur = root;
        for (Object seg : path.segments()) {
            if (seg instanceof String key && cur instanceof MapNode m) {
                cur = m.get(key);
            } else if (seg instanceof Integer i && cur instanceof ListNode l && i < l.size()) {
                cur = l.get(i);
            } else if (seg instanceof Integer i && cur instanceof MapNode m) {
                cur = m.get(String.valueOf(i));
            } else {
                return null;
            }
            if (cur == null) return null;
        }
        return cur;
    }

    /**
     * Returns a copy of {@code root} with {@code value} at {@code path}, creating mappings for
     * missing keys. A list index must exist already; {@code where} positions the error if not.
     */
    public static SpecNode set(SpecNode root, SpecPath path, SpecNode value, Position where) {
        if (path.isRoot()) return value;
        Object seg = path.segments().get(0);
        SpecPath rest = new SpecPath(path.segments().subList(1, path.segments().size()));
        if (root instanceof ListNode list && seg instanceof Integer i) {
            if (i >= list.size()) {
                throw new SpecError(where, "index [" + i + "] is past the end of the list at "
                        + list.position() + " (" + list.size() + " items)");
            }
            List<SpecNode> items = new ArrayList<>(list.items());
            items.set(i, set(list.get(i), rest, value, where));
            return new ListNode(items, list.position());
        }
        String key = seg.toString();
        MapNode map;
        if (root instanceof MapNode m) {
            map = m;
        } else if (root == null || (root instanceof ScalarNode s && s.isNull())) {
            map = MapNode.empty(where);
        } else {
            throw new SpecError(where, "cannot set '" + key + "' inside " + root.kindName()
                    + " (written at " + root.position() + ")");
        }
        SpecNode child = map.get(key);
        return map.with(key, set(child, rest, value, where), where);
    }

    /**
     * Deep merge for {@code extends}: mappings merge key by key, anything else in
     * {@code override} replaces what {@code base} had.
     */
    public static SpecNode merge(SpecNode base, SpecNode override) {
        if (base instanceof MapNode b && override instanceof MapNode o) {
            Map<String, SpecNode> entries = new LinkedHashMap<>(b.entries());
            Map<String, Position> keys = new LinkedHashMap<>(b.keyPositions());
            for (Map.Entry<String, SpecNode> e : o.entries().entrySet()) {
                SpecNode prior = entries.get(e.getKey());
                entries.put(e.getKey(), prior == null ? e.getValue() : merge(prior, e.getValue()));
                keys.put(e.getKey(), o.keyPosition(e.getKey()));
            }
            return new MapNode(entries, keys, o.position());
        }
        return override;
    }

    /** Plain Java data (maps, lists, scalars) for hashing and JSON. */
    public static Object toPlain(SpecNode node) {
        if (node instanceof MapNode m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> out.put(k, toPlain(v)));
            return out;
        }
        if (node instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(v -> out.add(toPlain(v)));
            return out;
        }
        return ((ScalarNode) node).value();
    }
}
