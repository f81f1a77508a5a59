package org.oodrunner.framework.spec.node;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.oodrunner.framework.spec.Position;

/**
 * A YAML mapping with string keys, in the order written. Each key keeps its own position
 * so that "unknown key" errors point at the key, not at its value.
 */
public final class MapNode implements SpecNode {
    private final Map<String, SpecNode> entries;
    private final Map<String, Position> keyPositions;
    private final Position position;

    public MapNode(Map<String, SpecNode> entries, Map<String, Position> keyPositions, Position position) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        this.keyPositions = Collections.unmodifiableMap(new LinkedHashMap<>(keyPositions));
        this.position = position;
    }

    public static MapNode empty(Position position) {
        return new MapNode(Map.of(), Map.of(), position);
    }

    public Map<String, SpecNode> entries() {
        return entries;
    }

    public SpecNode get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The key's own position, or the mapping's when the key was added by a merge. */
    public Position keyPosition(String key) {
        return keyPositions.getOrDefault(key, position);
    }

    public MapNode with(String key, SpecNode value, Position keyPosition) {
        Map<String, SpecNode> e = new LinkedHashMap<>(entries);
        Map<String, Position> k = new LinkedHashMap<>(keyPositions);
        e.put(key, value);
        k.putIfAbsent(key, keyPosition);
        return new MapNode(e, k, position);
    }

    public MapNode without(String key) {
        Map<String, SpecNode> e = new LinkedHashMap<>(entries);
        Map<String, Position> k = new LinkedHashMap<>(keyPositions);
        e.remove(key);
        k.remove(key);
        return new MapNode(e, k, position);
    }

    public Map<String, Position> keyPositions() {
        return keyPositions;
    }

    @Override
    public Position position() {
        return position;
    }

    @Override
    public String kindName() {
        return "a mapping";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapNode m && m.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "MapNode" + entries;
    }
}
