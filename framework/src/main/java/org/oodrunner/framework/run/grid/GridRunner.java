package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.report.GridReport;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunLock;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunStore;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.track.CompositeTracker;
import org.oodrunner.framework.track.FinishedRun;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the points of a grid as one unit. The grid has its own record in the store
 * ({@code <out>/<name>-grid-<hash>/}, tracked like a run: on MLflow it is the parent run and each
 * point a child), holding the axes as params and, as artifacts, the summary table
 * ({@code summary.csv}) and the grid's report page ({@code report.html}).
 *
 * <p>Running a grid again does only what is missing: a point whose spec hash already has a
 * FINISHED run, in the store or on a tracking server, is skipped; an interrupted point (RUNNING
 * or KILLED in its run.json) and a failed one run again through {@link ExperimentRunner}, which
 * resumes from what the earlier attempt left. {@code force} runs every point from the start: the
 * earlier run directory is kept, renamed {@code <dir>.replaced-<time>}. When every point is
 * skipped and the grid already finished, nothing at all is written or sent. A stop request
 * (Ctrl-C) ends the grid as KILLED after the point in progress stops.
 */
public final class GridRunner {
    private static final Logger LOG = LoggerFactory.getLogger(GridRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ExperimentRunner runner;
    private final RunStore store;
    private final Set<TrackerFactory> trackerFactories;
    private final StopSignal stop;

    @Inject
    public GridRunner(ExperimentRunner runner, RunStore store, Set<TrackerFactory> trackerFactories, StopSignal stop) {
        this.runner = runner;
        this.store = store;
        this.trackerFactories = trackerFactories;
        this.stop = stop;
    }

    /** The grid's identity: its points' spec hashes, in order. */
    public static String gridHash(List<ResolvedSpec> points) {
        StringBuilder sb = new StringBuilder("grid");
        points.forEach(p -> sb.append(':').append(p.hash()));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public RunFiles gridFiles(List<ResolvedSpec> points) {
        return store.gridFilesFor(points.get(0).spec().name(), gridHash(points));
    }

    /**
     * Runs what the grid lacks; {@code onPoint} hears of each point as it is done or skipped. A
     * failed point does not stop the others; the grid then ends FAILED.
     */
    public GridOutcome run(List<ResolvedSpec> points, Path specFile, boolean force, Progress progress,
            Consumer<PointOutcome> onPoint) {
        if (points.isEmpty()) throw new IllegalArgumentException("a grid needs at least one point");
        for (ResolvedSpec p : points) trackerFactories.forEach(f -> f.check(p));
        RunFiles grid = gridFiles(points);
        List<PointAction> actions = new ArrayList<>();
        List<FinishedRun> elsewhere = new ArrayList<>();
        for (ResolvedSpec p : points) {
            Optional<FinishedRun> remote = Optional.empty();
            PointAction a = decide(p, force);
            if (a.runs() && !force) {
                remote = findFinishedElsewhere(p);
                if (remote.isPresent()) a = PointAction.SKIP_FINISHED_ELSEWHERE;
            }
            actions.add(a);
            elsewhere.add(remote.orElse(null));
        }
        List<String> axes = new ArrayList<>(points.get(0).axes().keySet());
        boolean work = actions.stream().anyMatch(PointAction::runs) || !isFinished(grid);
        if (!work) {
            LOG.info("grid {}: all {} points already finished; nothing to do ({})", points.get(0).spec().name(),
                    points.size(), grid.dir());
            List<PointOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                PointOutcome o = skipped(points.get(i), actions.get(i), elsewhere.get(i));
                outcomes.add(o);
                onPoint.accept(o);
            }
            return new GridOutcome(grid, outcomes, RunStatus.FINISHED, false, GridSummary.of(axes, outcomes));
        }

        try (RunLock lock = RunLock.acquire(grid)) {
            return runPoints(points, specFile, progress, onPoint, grid, actions, elsewhere, axes);
        }
    }

    private GridOutcome runPoints(List<ResolvedSpec> points, Path specFile, Progress progress,
            Consumer<PointOutcome> onPoint, RunFiles grid, List<PointAction> actions, List<FinishedRun> elsewhere,
            List<String> axes) {
        writeGridRecord(grid, points, specFile);
        List<Tracker> trackers = new ArrayList<>();
        trackers.add(new LocalTracker(grid));
        for (TrackerFactory f : trackerFactories) f.create(points.get(0), grid).ifPresent(trackers::add);
        try (CompositeTracker tracker = new CompositeTracker(trackers)) {
            ResolvedSpec first = points.get(0);
            tracker.start(new RunInfo(first.spec().tracking().experiment(), gridName(first), gridHash(points),
                    first.spec().description(), Map.of()));
            tracker.logParams(gridParams(points, axes));
            tracker.setTag("grid_hash", gridHash(points));
            tracker.setTag("spec_name", first.spec().name());
            List<PointOutcome> outcomes = new ArrayList<>();
            try {
                for (int i = 0; i < points.size(); i++) {
                    ResolvedSpec p = points.get(i);
                    PointAction a = actions.get(i);
                    if (stop.requested()) {
                        throw new RunInterruptedException("grid " + first.spec().name() + " stopped before point " + (i + 1)
                                + " of " + points.size() + " (" + stop.reason() + "); run the spec again to go on");
                    }
                    LOG.info("[{}/{}] {}: {}", i + 1, points.size(), p.runName(), a.description());
                    if (a == PointAction.RERUN_FORCED) setAside(store.filesFor(p));
                    PointOutcome o = a.runs() ? runPoint(p, specFile, progress, grid, a) : skipped(p, a, elsewhere.get(i));
                    outcomes.add(o);
                    onPoint.accept(o);
                }
            } catch (RunInterruptedException e) {
                tracker.finish(RunStatus.KILLED);
                throw e;
            } catch (RuntimeException e) {
                tracker.finish(RunStatus.FAILED);
                throw e;
            }
            GridSummary summary = GridSummary.of(axes, outcomes);
            writeSummary(grid, summary, outcomes, gridName(first), tracker);
            RunStatus status = outcomes.stream().allMatch(PointOutcome::finished) ? RunStatus.FINISHED : RunStatus.FAILED;
            tracker.finish(status);
            return new GridOutcome(grid, outcomes, status, true, summary);
        }
    }

    /** Keeps an earlier run of a point under another name, so that the point starts afresh. */
    private static void setAside(RunFiles files) {
        if (!Files.isDirectory(files.dir())) return;
        try (RunLock lock = RunLock.acquire(files)) {
            // Not in use by another process: it may move.
        }
        Path aside = files.dir().resolveSibling(files.dir().getFileName() + ".replaced-" + ASIDE.format(Instant.now()));
        try {
            Files.move(files.dir(), aside);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + files.dir() + " aside to run it again", e);
        }
        LOG.info("the earlier run is kept in {}", aside);
    }

    private PointAction decide(ResolvedSpec point, boolean force) {
        RunFiles files = store.filesFor(point);
        String status = files.readRun().path("status").asText("");
        if (status.isEmpty()) return PointAction.RUN;
        if (force) return PointAction.RERUN_FORCED;
        return switch (status) {
            case "FINISHED" -> PointAction.SKIP_FINISHED;
            case "FAILED" -> PointAction.RERUN_FAILED;
            default -> PointAction.RESUME;
        };
    }

    private Optional<FinishedRun> findFinishedElsewhere(ResolvedSpec point) {
        for (TrackerFactory f : trackerFactories) {
            Optional<FinishedRun> found = f.findFinished(point);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private PointOutcome runPoint(ResolvedSpec p, Path specFile, Progress progress, RunFiles grid, PointAction a) {
        try {
            RunOutcome o = runner.run(p, specFile, progress, grid);
            return new PointOutcome(p, o.files(), a, RunStatus.FINISHED, o.results(), null, null);
        } catch (RunFailedException e) {
            LOG.warn("{}: {}", p.runName(), e.getMessage());
            return new PointOutcome(p, store.filesFor(p), a, RunStatus.FAILED, null, null, e.getMessage());
        }
    }

    private PointOutcome skipped(ResolvedSpec p, PointAction a, FinishedRun remote) {
        RunFiles files = store.filesFor(p);
        return new PointOutcome(p, files, a, RunStatus.FINISHED, a == PointAction.SKIP_FINISHED ? readResults(files) : null,
                remote, null);
    }

    private static JsonNode readResults(RunFiles files) {
        try {
            return Files.isRegularFile(files.results()) ? JSON.readTree(files.results().toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isFinished(RunFiles grid) {
        return RunStatus.FINISHED.name().equals(grid.readRun().path("status").asText());
    }

    private static String gridName(ResolvedSpec first) {
        return first.spec().name() + " (grid)";
    }

    /** The grid's own run.json: like a run's, plus its axes, its points and the tracking settings. */
    private void writeGridRecord(RunFiles grid, List<ResolvedSpec> points, Path specFile) {
        ObjectNode run = grid.readRun();
        int attempts = run.path("attempts").asInt(0) + 1;
        ResolvedSpec first = points.get(0);
        run.removeAll();
        run.put("kind", "grid");
        run.put("name", gridName(first));
        run.put("spec_name", first.spec().name());
        run.put("hash", gridHash(points));
        run.put("status", RunStatus.RUNNING.name());
        run.put("started", Instant.now().toString());
        run.put("attempts", attempts);
        run.put("spec_file", specFile == null ? null : specFile.toAbsolutePath().toString());
        run.put("description", first.spec().description());
        run.set("tracking", SpecJson.mapper().valueToTree(first.spec().tracking()));
        run.set("axes", SpecJson.mapper().valueToTree(axisValues(points)));
        ArrayNode list = run.putArray("points");
        for (ResolvedSpec p : points) {
            ObjectNode o = list.addObject();
            o.put("dir", store.filesFor(p).dir().getFileName().toString());
            o.put("name", p.runName());
            o.put("hash", p.hash());
        }
        run.set("provenance", SpecJson.mapper().valueToTree(Provenance.collect(specFile)));
        grid.writeJson(grid.runJson(), run);
    }

    /** Each axis with its values in grid order; a value may be null (an axis like {@code bottleneck: [null, 16]}). */
    static Map<String, List<Object>> axisValues(List<ResolvedSpec> points) {
        Map<String, Set<Object>> values = new LinkedHashMap<>();
        for (ResolvedSpec p : points) {
            p.axes().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return out;
    }

    private static Map<String, String> gridParams(List<ResolvedSpec> points, List<String> axes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grid.points", String.valueOf(points.size()));
        params.put("grid.axes", String.join(", ", axes));
        axisValues(points).forEach((axis, values) -> {
            try {
                params.put("grid." + axis, JSON.writeValueAsString(values));
            } catch (IOException e) {
                params.put("grid." + axis, values.toString());
            }
        });
        return params;
    }

    /** The grid's table as CSV, and its report page (every point's row linking to the point's own report). */
    private static void writeSummary(RunFiles grid, GridSummary summary, List<PointOutcome> points, String title,
            Tracker tracker) {
        Path csv = grid.artifacts().resolve("summary.csv");
        grid.writeText(csv, summary.toCsv());
        tracker.logArtifact(csv, "summary.csv");
        Path page = GridReport.write(points.stream().map(p -> p.files().dir()).toList(), grid.artifacts().resolve("report.html"),
                title);
        tracker.logArtifact(page, "report.html");
    }
}
