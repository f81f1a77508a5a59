package org.oodrunner.framework.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a long loop has come: a one-line bar with rate and ETA, redrawn in place, on
 * a terminal; a plain log line every so often otherwise (CI logs, files).
 */
public final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final PrintStream out;
    private final boolean terminal;
    private final boolean enabled;
    private String task;
    private long total;
    private long startNanos;
    private long lastDrawNanos;
    private long lastLogNanos;
    private boolean drawn;

    public Progress(PrintStream out, boolean terminal) {
        this(out, terminal, true);
    }

    private Progress(PrintStream out, boolean terminal, boolean enabled) {
        this.out = out;
        this.terminal = terminal;
        this.enabled = enabled;
    }

    /** A terminal when the JVM has a console and TERM is not dumb. */
    public static Progress forStderr() {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null && term != null && !term.equals("dumb");
        return new Progress(System.err, tty);
    }

    public static Progress silent() {
        return new Progress(null, false, false);
    }

    public void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        this.lastLogNanos = startNanos;
        this.drawn = false;
    }

    public void update(long done, Map<String, Double> extra) {
        if (!enabled) return;
        long now = System.nanoTime();
        boolean last = done >= total;
        double elapsed = (now - startNanos) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        String line = String.format(Locale.ROOT, "%s %d/%d %s %.1f/s ETA %s%s", task, done, total, bar(done),
                rate, eta(rate, total - done), extras(extra));
        if (terminal) {
            if (last || now - lastDrawNanos > 100_000_000L) {
                out.print("\r" + line + "\u001b[K");
                out.flush();
                drawn = true;
                lastDrawNanos = now;
            }
        } else if (last || now - lastLogNanos > 30_000_000_000L) {
            LOG.info(line);
            lastLogNanos = now;
        }
    }

    /** Ends the bar's line. */
    public void finish() {
        if (terminal && drawn) {
            out.println();
            out.flush();
        }
        drawn = false;
    }

    private String bar(long done) {
        int width = 20;
        int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
        return "[" + "=".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static String eta(double rate, long remaining) {
        if (rate <= 0) return "?";
        long s = Math.round(remaining / rate);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String extras(Map<String, Double> extra) {
        if (extra == null || extra.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        extra.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4g", k, v)));
        return sb.toString();
    }
}
