package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunTag;
import org.oodrunner.framework.track.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one tracking server up to date with one run of the local store, which is the record of
 * truth: it makes (or finds) the MLflow run, then sends the params, tags and metric values the
 * server does not have yet, the artifacts that changed, and the status. What was sent is saved
 * in {@link SyncState} after every accepted request, so syncing again, after a crash or an
 * outage, sends only the rest: a live run and a later {@code runner sync} are the same code.
 *
 * <p>MLflow cannot forget a metric value. When the local log was cut back rather than appended
 * to (a resumed run drops what its killed attempt logged after the last checkpoint), the run is
 * sent afresh to a new MLflow run and the old one is deleted (restorable in the UI), so the
 * server shows the history the store holds.
 */
public final class RunSync {
    private static final Logger LOG = LoggerFactory.getLogger(RunSync.class);
    /** The run's record files sent beside the artifacts folder's content. */
    static final List<String> RECORD_FILES = List.of("spec.yaml", "spec.effective.json", "results.json");

    private final MlflowConnection server;
    private final String targetKey;
    private final Set<String> confirmedRuns = new HashSet<>();
    private final AtomicLong progress = new AtomicLong();

    public RunSync(MlflowConnection server) {
        this.server = server;
        this.targetKey = server.target().uri();
    }

    public MlflowTarget target() {
        return server.target();
    }

    /**
     * Sends what the server lacks of the run in {@code dir}; artifacts only when asked (a live run
     * sends them at its end, when they are complete). Waits up to {@code patience} for another
     * sync of the same run to end.
     *
     * @throws MlflowUnavailableException the server cannot be reached: what was sent is kept, the rest waits
     * @throws SyncBusyException another process syncs the run and did not finish in time
     */
    public SyncReport sync(Path dir, boolean artifacts, Duration patience) {
        LocalRun run = LocalRun.read(dir);
        SyncReport report = new SyncReport(run.name());
        try (SyncLock lock = SyncLock.acquire(dir, patience)) {
            if (lock == null) throw new SyncBusyException(dir);
            SyncState state = SyncState.load(dir);
            SyncState.Target target = state.target(targetKey);
            target = ensureRun(run, state, target);
            report.runId = target.runId;
            report.url = server.target().runUrl(target.experimentId, target.runId);
            sendParams(run, state, target, report);
            sendTags(run, state, target, report);
            sendMetrics(run, state, target, report);
            if (artifacts) sendArtifacts(run, state, target, report);
            sendStatus(run, state, target, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + dir + " for syncing", e);
        }
        return report;
    }

    /** The MLflow run of this local run: the one made before, found by its sync key, or a new one. */
    private SyncState.Target ensureRun(LocalRun run, SyncState state, SyncState.Target target) {
        String replaced = null;
        if (target.runId != null && !new MetricLog(run.files().metrics()).continuesFrom(target.metricsOffset, target.metricsLastLine)) {
            replaced = target.runId;
            LOG.info("{}: its metric log was cut back (a resumed run); it goes to a new MLflow run and {} is deleted",
                    run.name(), replaced);
            server.deleteRun(replaced);
            confirmedRuns.remove(replaced);
            state.targets.remove(targetKey);
            target = state.target(targetKey);
            saved(state, run);
        }
        if (target.runId != null && !confirmedRuns.contains(target.runId)) {
            if (target.experimentId == null || server.run(target.experimentId, target.runId).isEmpty()) {
                LOG.warn("{}: MLflow run {} is gone from {}; sending the run again", run.name(), target.runId, server.target());
                state.targets.remove(targetKey);
                target = state.target(targetKey);
            } else {
                confirmedRuns.add(target.runId);
            }
        }
        if (target.runId != null) return target;
        String experimentId = server.experiment(run.experiment());
        String key = state.ensureSyncKey();
        saved(state, run);
        String filter = "tags.`" + SystemTags.SYNC_KEY + "` = " + MlflowConnection.quote(key);
        List<Run> earlier = server.search(List.of(experimentId), filter, 1);
        RunInfo info;
        if (!earlier.isEmpty()) {
            info = earlier.get(0).getInfo();
            LOG.debug("{}: continuing MLflow run {}", run.name(), info.getRunId());
        } else {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(SystemTags.SYNC_KEY, key);
            if (replaced != null) tags.put("ood.replaces", replaced);
            info = server.createRun(experimentId, run.name(), run.startMillis(), run.provenance("user"), tags);
        }
        target.experimentId = info.getExperimentId();
        target.runId = info.getRunId();
        target.artifactUri = info.getArtifactUri();
        target.status = info.getStatus().name();
        target.endTime = info.hasEndTime() && info.getEndTime() > 0 ? info.getEndTime() : null;
        confirmedRuns.add(target.runId);
        saved(state, run);
        return target;
    }

    private void sendParams(LocalRun run, SyncState state, SyncState.Target target, SyncReport report) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : run.params().entrySet()) {
            String key = MlflowNames.key(p.getKey());
            if (wanted.containsKey(key)) key = MlflowNames.disambiguated(p.getKey());
            wanted.put(key, MlflowNames.paramValue(p.getValue()));
        }
        List<Param> batch = new ArrayList<>();
        for (Map.Entry<String, String> p : wanted.entrySet()) {
            String sent = target.params.get(p.getKey());
            if (sent == null) {
                batch.add(Param.newBuilder().setKey(p.getKey()).setValue(p.getValue()).build());
            } else if (!sent.equals(p.getValue())) {
                report.problems.add("param " + p.getKey() + " is now '" + p.getValue() + "' but MLflow keeps the first "
                        + "value '" + sent + "' (MLflow params cannot change)");
            }
            if (batch.size() == MlflowNames.MAX_PARAMS_PER_BATCH) flushParams(run, state, target, batch, report);
        }
        flushParams(run, state, target, batch, report);
    }

    private void flushParams(LocalRun run, SyncState state, SyncState.Target target, List<Param> batch, SyncReport report) {
        if (batch.isEmpty()) return;
        try {
            server.logBatch(target.runId, List.of(), batch, List.of());
            for (Param p : batch) target.params.put(p.getKey(), p.getValue());
            report.params += batch.size();
        } catch (MlflowRejectedException e) {
            // One refused param (logged elsewhere with another value) must not hold back the others.
            for (Param p : batch) {
                try {
                    server.logBatch(target.runId, List.of(), List.of(p), List.of());
                    report.params++;
                } catch (MlflowRejectedException one) {
                    report.problems.add("param " + p.getKey() + " refused: " + one.getMessage());
                }
                target.params.put(p.getKey(), p.getValue());
            }
        }
        saved(state, run);
        batch.clear();
    }

    private void sendTags(LocalRun run, SyncState state, SyncState.Target target, SyncReport report) {
        String parentRunId = null;
        if (run.parentDir() != null && LocalRun.isRunDir(run.parentDir())) {
            parentRunId = SyncState.load(run.parentDir()).runId(targetKey);
            if (parentRunId == null) report.problems.add("grid run " + run.parentDir().getFileName() + " is not on the "
                    + "server yet, so this run is not nested under it; sync the grid's directory");
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        SystemTags.of(run, state.ensureSyncKey(), parentRunId).forEach((k, v) -> wanted.put(k, MlflowNames.tagValue(v)));
        run.tags().forEach((k, v) -> wanted.put(MlflowNames.key(k), MlflowNames.tagValue(v)));
        List<RunTag> batch = new ArrayList<>();
        for (Map.Entry<String, String> t : wanted.entrySet()) {
            if (t.getValue().equals(target.tags.get(t.getKey()))) continue;
            batch.add(RunTag.newBuilder().setKey(t.getKey()).setValue(t.getValue()).build());
            if (batch.size() == MlflowNames.MAX_TAGS_PER_BATCH) flushTags(run, state, target, batch, report);
        }
        flushTags(run, state, target, batch, report);
    }

    private void flushTags(LocalRun run, SyncState state, SyncState.Target target, List<RunTag> batch, SyncReport report) {
        if (batch.isEmpty()) return;
        server.logBatch(target.runId, List.of(), List.of(), batch);
        for (RunTag t : batch) target.tags.put(t.getKey(), t.getValue());
        report.tags += batch.size();
        saved(state, run);
        batch.clear();
    }

    private void sendMetrics(LocalRun run, SyncState state, SyncState.Target target, SyncReport report) {
        MetricLog log = new MetricLog(run.files().metrics());
        Set<String> usedKeys = new HashSet<>(target.metricKeys.values());
        while (true) {
            MetricLog.Chunk chunk = log.read(target.metricsOffset, MlflowNames.MAX_METRICS_PER_BATCH);
            if (chunk.end() == target.metricsOffset) break;
            if (chunk.malformed() > 0) {
                report.problems.add(chunk.malformed() + " line(s) of " + run.files().metrics() + " are not metric values "
                        + "and were passed over");
            }
            List<Metric> batch = new ArrayList<>(chunk.entries().size());
            for (MetricLog.Entry e : chunk.entries()) {
                String key = target.metricKeys.get(e.key());
                if (key == null) {
                    key = MlflowNames.key(e.key());
                    if (usedKeys.contains(key)) key = MlflowNames.disambiguated(e.key());
                    target.metricKeys.put(e.key(), key);
                    usedKeys.add(key);
                }
                batch.add(Metric.newBuilder().setKey(key).setValue(e.value()).setStep(e.step())
                        .setTimestamp(e.timestamp()).build());
            }
            if (!batch.isEmpty()) server.logBatch(target.runId, batch, List.of(), List.of());
            target.metricsOffset = chunk.end();
            target.metricsLastLine = chunk.lastLine();
            report.metrics += batch.size();
            saved(state, run);
        }
    }

    private void sendArtifacts(LocalRun run, SyncState state, SyncState.Target target, SyncReport report) {
        long max = run.maxArtifactBytes();
        if (max <= 0) return;
        if (!server.canUpload(target.artifactUri)) {
            report.problems.add("artifacts not sent: the server keeps this run's artifacts at " + target.artifactUri
                    + ", which it does not proxy; start it with artifact serving on (the default of `mlflow server`)");
            return;
        }
        for (Map.Entry<String, Path> a : artifactFiles(run).entrySet()) {
            String path = a.getKey();
            Path file = a.getValue();
            try {
                long size = Files.size(file);
                if (size > max) {
                    report.problems.add("artifact " + path + " (" + size / (1024 * 1024) + " MiB) is over tracking."
                            + "max_artifact_mb and stays local only");
                    continue;
                }
                long modified = Files.getLastModifiedTime(file).toMillis();
                SyncState.SentFile sent = target.artifacts.get(path);
                if (sent != null && sent.size() == size && sent.modified() == modified) continue;
                String sha = sha256(file);
                if (sent == null || !sent.sha256().equals(sha)) {
                    server.upload(target.artifactUri, path, file);
                    report.artifacts++;
                    report.artifactBytes += size;
                }
                target.artifacts.put(path, new SyncState.SentFile(size, modified, sha));
                saved(state, run);
            } catch (IOException e) {
                report.problems.add("artifact " + path + " could not be read: " + e.getMessage());
            }
        }
    }

    /**
     * Artifact path on the server -> local file: everything under artifacts/, then the run's record
     * files (spec.yaml, spec.effective.json, results.json) that artifacts/ does not already hold,
     * then, when the spec asks, the checkpoints under checkpoints/.
     */
    static Map<String, Path> artifactFiles(LocalRun run) {
        Map<String, Path> out = new LinkedHashMap<>();
        addTree(run.files().artifacts(), "", out);
        for (String name : RECORD_FILES) {
            Path f = run.dir().resolve(name);
            if (Files.isRegularFile(f)) out.putIfAbsent(name, f);
        }
        if (run.uploadCheckpoints()) addTree(run.files().checkpoints(), "checkpoints/", out);
        return out;
    }

    /** Every finished file under {@code root} (not temporary ones being written), as {@code prefix + relative path}. */
    private static void addTree(Path root, String prefix, Map<String, Path> out) {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".tmp") && !f.getFileName().toString().endsWith(".partial"))
                    .sorted()
                    .forEach(f -> out.put(prefix + root.relativize(f).toString().replace('\\', '/'), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private void sendStatus(LocalRun run, SyncState state, SyncState.Target target, SyncReport report) {
        RunStatus status = run.status();
        Long end = run.endMillis();
        if (status.name().equals(target.status) && Objects.equals(end, target.endTime)) return;
        server.setStatus(target.runId, status, end);
        target.status = status.name();
        target.endTime = end;
        report.statusSent = true;
        saved(state, run);
    }

    /** Accepted requests so far: a waiting caller can tell a slow sync from a stuck one. */
    public long progress() {
        return progress.get();
    }

    private void saved(SyncState state, LocalRun run) {
        state.save(run.dir());
        progress.incrementAndGet();
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
