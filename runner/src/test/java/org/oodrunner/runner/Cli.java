package org.oodrunner.runner;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real `runner` command line in-process and captures what it prints. */
public record Cli(int exitCode, String out, String err) {
    public static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(code, out.toString(), err.toString());
    }

    public boolean printedStackTrace() {
        return err.contains("\tat ") || err.contains("Exception:") || out.contains("\tat ");
    }
}
