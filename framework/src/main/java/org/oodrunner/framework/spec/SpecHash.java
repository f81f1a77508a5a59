package org.oodrunner.framework.spec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The content hash that names a concrete run: SHA-256 over a canonical JSON rendering of the
 * resolved spec (keys sorted, numbers in one spelling), so the same spec hashes the same on any
 * machine. Sections that say where results go rather than what is computed are left out.
 */
public final class SpecHash {
    /** Top-level keys that do not change what a run computes. */
    public static final Set<String> EXCLUDED = Set.of("tracking", "runtime", "description");

    private SpecHash() {}

    /** The 12-hex-digit hash of a resolved spec given as plain data. */
    public static String of(Map<String, Object> spec) {
        Map<String, Object> hashed = new TreeMap<>(spec);
        EXCLUDED.forEach(hashed::remove);
        StringBuilder sb = new StringBuilder();
        canonical(hashed, sb);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical JSON: sorted keys, no spaces, integral numbers without a fraction. */
    public static void canonical(Object value, StringBuilder sb) {
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) sb.append(',');
                first = false;
                string(e.getKey().toString(), sb);
                sb.append(':');
                canonical(e.getValue(), sb);
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) sb.append(',');
                canonical(list.get(i), sb);
            }
            sb.append(']');
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                string(d.toString(), sb);
            } else if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                sb.append((long) d.doubleValue());
            } else {
                sb.append(d);
            }
        } else if (value instanceof String s) {
            string(s, sb);
        } else {
            sb.append(value);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
