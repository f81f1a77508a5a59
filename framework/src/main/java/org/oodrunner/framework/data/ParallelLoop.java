package org.oodrunner.framework.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs {@code body(i)} for {@code i} in {@code [0, n)} on all cores, in contiguous chunks. A
 * failure stops the loop and is rethrown as it was thrown (no wrapping), so user-facing
 * messages naming a file reach the user unchanged.
 */
final class ParallelLoop {
    private ParallelLoop() {}

    static void run(int n, IntConsumer body) {
        int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, n / 64));
        if (threads <= 1) {
            for (int i = 0; i < n; i++) body.accept(i);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> parts = new ArrayList<>();
            int chunk = (n + threads - 1) / threads;
            for (int from = 0; from < n; from += chunk) {
                int lo = from;
                int hi = Math.min(n, from + chunk);
                parts.add(pool.submit(() -> {
                    for (int i = lo; i < hi && !Thread.currentThread().isInterrupted(); i++) body.accept(i);
                }));
            }
            for (Future<?> f : parts) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
