package org.oodrunner.runner.tracking;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** What the log (logback's console appender writes to System.err) says while something runs. */
final class Stderr {
    record Captured<T>(T value, String log) {}

    private Stderr() {}

    static synchronized <T> Captured<T> during(Supplier<T> action) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            T value = action.get();
            return new Captured<>(value, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }
}
