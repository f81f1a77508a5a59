package org.oodrunner.framework.spec.node;

import org.oodrunner.framework.spec.Position;

/**
 * A leaf: {@code null}, a {@link Boolean}, a {@link Long}, a {@link Double} or a {@link String}.
 */
public record ScalarNode(Object value, Position position) implements SpecNode {
    public ScalarNode {
        if (value != null && !(value instanceof Boolean || value instanceof Long
                || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("unsupported scalar " + value.getClass());
        }
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    public String asString() {
        return value instanceof String s ? s : String.valueOf(value);
    }

    @Override
    public String kindName() {
        if (value == null) return "null";
        if (value instanceof Boolean) return "a boolean";
        if (value instanceof Long) return "an integer";
        if (value instanceof Double) return "a number";
        return "a string";
    }
}
