package org.oodrunner.runner;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.oodrunner.framework.run.StopSignal;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command works: ask the work to stop at its next safe point
 * and hold the JVM's exit until it has (up to a grace period), so what it was writing is
 * recorded as stopped rather than left half-done. Closing it, when the work ends, lets a
 * pending exit go on.
 */
final class StopOnSignal implements AutoCloseable {
    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Thread hook;

    /** @param doing what stopping involves, for the message, e.g. "saving a checkpoint" */
    StopOnSignal(StopSignal stop, PrintWriter err, String doing) {
        hook = new Thread(() -> {
            err.println("stopping: " + doing + " (up to " + GRACE_SECONDS + " s; kill -9 to abort at once)");
            err.flush();
            stop.request("stopped by a signal");
            try {
                ended.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runner-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the work has ended
        }
    }
}
