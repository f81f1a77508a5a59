package org.oodrunner.framework.spec;

/** Where a spec value was written: a file (or a pseudo-source such as {@code --set}), 1-based line and column. */
public record Position(String source, int line, int column) {
    public static final Position UNKNOWN = new Position("<unknown>", 0, 0);

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
