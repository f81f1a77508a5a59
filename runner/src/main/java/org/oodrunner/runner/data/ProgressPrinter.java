package org.oodrunner.runner.data;

import java.io.PrintWriter;
import java.util.Locale;
import org.oodrunner.framework.data.fetch.DownloadListener;
import org.oodrunner.framework.data.fetch.RemoteFile;

/**
 * Shows downloads on the error stream: one line rewritten in place on a terminal, otherwise a
 * line per 10% so logs stay short.
 */
final class ProgressPrinter implements DownloadListener {
    private final PrintWriter err;
    private final boolean terminal;
    private long startNanos;
    private long startBytes;
    private int lastDecile;

    ProgressPrinter(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void started(RemoteFile file, long resumedFrom) {
        startNanos = System.nanoTime();
        startBytes = resumedFrom;
        lastDecile = -1;
        err.println("downloading " + file.name() + " from " + file.url()
                + (resumedFrom > 0 ? " (resuming after " + mb(resumedFrom) + ")" : "")
                + (file.size() >= 0 ? ", " + mb(file.size()) : ""));
        err.flush();
    }

    @Override
    public void progress(RemoteFile file, long done, long total) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String rate = seconds > 0 ? String.format(Locale.ROOT, "%.1f MB/s", (done - startBytes) / 1e6 / seconds) : "";
        String line = total > 0
                ? String.format(Locale.ROOT, "  %s %3d%%  %s of %s  %s", file.name(), 100 * done / total, mb(done), mb(total), rate)
                : String.format(Locale.ROOT, "  %s %s  %s", file.name(), mb(done), rate);
        if (terminal) {
            err.print("\r" + line + "   ");
            err.flush();
            return;
        }
        int decile = total > 0 ? (int) (10 * done / total) : -1;
        if (decile != lastDecile) {
            lastDecile = decile;
            err.println(line);
            err.flush();
        }
    }

    @Override
    public void finished(RemoteFile file) {
        if (terminal) err.println();
        err.println("  " + file.name() + ": SHA-256 verified");
        err.flush();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
