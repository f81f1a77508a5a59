package org.oodrunner.framework.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A claim's direction, as {@code holds_if} writes it: {@code "< 0.5"}, {@code ">= 0.9"}, {@code "> 0"};
 * {@code "== 0"} for exact values such as the difference of two signs.
 */
record Threshold(String operator, double value) {
    private static final Pattern FORM = Pattern.compile("\\s*(<=|>=|==|<|>)\\s*([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

    /** The threshold written as text, or null when the text is not of the form {@code OP NUMBER}. */
    static Threshold parse(String text) {
        Matcher m = FORM.matcher(text);
        return m.matches() ? new Threshold(m.group(1), Double.parseDouble(m.group(2))) : null;
    }

    boolean holds(double v) {
        return switch (operator) {
            case "<" -> v < value;
            case "<=" -> v <= value;
            case ">" -> v > value;
            case ">=" -> v >= value;
            case "==" -> v == value;
            default -> throw new IllegalStateException(operator);
        };
    }

    @Override
    public String toString() {
        return operator + " " + number();
    }

    /** The threshold's number as briefly as it reads: 0.5, 0, 1e-3. */
    String number() {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
