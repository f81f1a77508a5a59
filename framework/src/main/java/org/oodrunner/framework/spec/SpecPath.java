package org.oodrunner.framework.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted path into a spec, as users write it in grid axes, {@code --set} and references:
 * {@code model.st_net.bottleneck}, {@code data.ood[0].dataset} (or {@code data.ood.0.dataset}).
 * A segment is a mapping key or a list index.
 */
public record SpecPath(List<Object> segments) {
    public SpecPath {
        segments = List.copyOf(segments);
    }

    public static final SpecPath ROOT = new SpecPath(List.of());

    /** Parses a path; returns null when it is malformed (empty segments, unclosed brackets). */
    public static SpecPath parse(String text) {
        List<Object> out = new ArrayList<>();
        StringBuilder key = new StringBuilder();
        int i = 0;
        boolean afterIndex = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                if (key.length() > 0) {
                    out.add(segment(key.toString()));
                    key.setLength(0);
                } else if (!afterIndex) {
                    return null;
                }
                afterIndex = false;
                i++;
            } else if (c == '[') {
                if (key.length() > 0) {
                    out.add(segment(key.toString()));
                    key.setLength(0);
                }
                int close = text.indexOf(']', i);
                if (close < 0) return null;
                String idx = text.substring(i + 1, close);
                if (!idx.matches("[0-9]+")) return null;
                out.add(Integer.parseInt(idx));
                i = close + 1;
                afterIndex = true;
            } else {
                if (afterIndex) return null;
                key.append(c);
                i++;
            }
        }
        if (key.length() > 0) {
            out.add(segment(key.toString()));
        } else if (text.endsWith(".") || text.isEmpty()) {
            return null;
        }
        return new SpecPath(out);
    }

    private static Object segment(String s) {
        return s.matches("[0-9]+") ? (Object) Integer.parseInt(s) : s;
    }

    public SpecPath child(Object segment) {
        List<Object> s = new ArrayList<>(segments);
        s.add(segment);
        return new SpecPath(s);
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public Object last() {
        return segments.get(segments.size() - 1);
    }

    public SpecPath parent() {
        return new SpecPath(segments.subList(0, segments.size() - 1));
    }

    /** The JSON pointer of this path ({@code /model/st_net/bottleneck}). */
    public String toPointer() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            sb.append('/').append(s.toString().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                if (sb.length() > 0) sb.append('.');
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
