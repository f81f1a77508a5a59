package org.oodrunner.framework.track.mlflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks a run on an MLflow server by replaying the local run store: the local tracker writes
 * first, and a background thread syncs the run directory every few seconds (sooner once a full
 * batch of metric values is waiting), then once more at the end with the artifacts and the final
 * status. Training never waits on the server: a slow or absent one only delays the sync, and
 * what it missed is sent by the next pass or by {@code runner sync}.
 *
 * <p>MLflow's Java client sets no socket timeouts, so the final pass is waited for only while it
 * makes progress; one that hangs is left behind on its daemon thread.
 */
final class MlflowTracker implements Tracker {
    private static final Logger LOG = LoggerFactory.getLogger(MlflowTracker.class);

    private final RunSync sync;
    private final MlflowConnection connection;
    private final Path dir;
    private final Duration flushEvery;
    private final Duration stallLimit;
    private final OutageNotices notices;
    private final ScheduledExecutorService executor;
    private final AtomicInteger waitingMetrics = new AtomicInteger();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private volatile boolean refusalReported;
    private ScheduledFuture<?> periodic;

    MlflowTracker(MlflowConnection connection, Path dir, Duration flushEvery, Duration stallLimit, OutageNotices notices) {
        this.connection = connection;
        this.sync = new RunSync(connection);
        this.dir = dir;
        this.flushEvery = flushEvery;
        this.stallLimit = stallLimit;
        this.notices = notices;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mlflow-sync-" + dir.getFileName());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start(RunInfo run) {
        periodic = executor.scheduleWithFixedDelay(() -> pass(false), 0, flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    // The local store already holds what these calls carry; the next pass sends it.
    @Override
    public void logParams(Map<String, String> params) {}

    @Override
    public void setTag(String key, String value) {}

    @Override
    public void logArtifact(Path file, String artifactPath) {}

    @Override
    public void logMetric(String key, double value, long step) {
        if (waitingMetrics.incrementAndGet() >= MlflowNames.MAX_METRICS_PER_BATCH && passQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                passQueued.set(false);
                pass(false);
            });
        }
    }

    @Override
    public void finish(RunStatus status) {
        if (periodic != null) periodic.cancel(false);
        Future<Boolean> last = executor.submit(() -> pass(true));
        long lastProgress = sync.progress();
        long stalledSince = System.nanoTime();
        while (true) {
            try {
                if (Boolean.TRUE.equals(last.get(250, TimeUnit.MILLISECONDS))) return;
                break;
            } catch (TimeoutException slow) {
                if (sync.progress() != lastProgress) {
                    lastProgress = sync.progress();
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince > stallLimit.toNanos()) {
                    LOG.warn("MLflow at {} stopped answering", sync.target());
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                break;
            }
        }
        LOG.warn("{} is not all on MLflow yet; it is complete in the local store: send it with `runner sync {}`",
                dir.getFileName(), dir);
    }

    /** One sync of the run; true when it went through. Never throws: tracking must not stop a run. */
    private boolean pass(boolean last) {
        try {
            SyncReport report = sync.sync(dir, last, last ? Duration.ofSeconds(30) : Duration.ZERO);
            waitingMetrics.set(0);
            notices.reachable(sync.target());
            if (last) {
                report.problems().forEach(p -> LOG.warn("{}: {}", report.runName(), p));
                LOG.info("{} on MLflow: {}", report.runName(), report.url());
            }
            return true;
        } catch (SyncBusyException e) {
            LOG.debug("{}", e.getMessage());
        } catch (MlflowUnavailableException e) {
            notices.unreachable(sync.target(), e.getMessage());
        } catch (MlflowRejectedException e) {
            if (e.unauthorized()) {
                notices.refused(sync.target(), e.getMessage());
            } else if (!refusalReported) {
                refusalReported = true;
                LOG.warn("{}; the run goes on and is kept in the local store", e.getMessage());
            }
        } catch (RuntimeException e) {
            if (!refusalReported) {
                refusalReported = true;
                LOG.warn("syncing {} to MLflow failed: {}; the run goes on and is kept in the local store", dir.getFileName(),
                        e.toString());
            }
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        connection.close();
    }
}
