package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.CompositeTracker;
import org.oodrunner.framework.track.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a frozen grid from what its points left in the store: the summary, the report page,
 * the record's status ({@code partial} when a point did not finish) and the MLflow parent run,
 * exactly as a grid run in one process ends. Whichever task ends the last point does it; a lock
 * on {@code collect.lock} in the grid's record lets one process at a time look, so two tasks
 * ending together neither both complete the grid nor both miss it. {@code runner collect} does it
 * on demand.
 */
public final class GridCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GridCollector.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpecLoader loader;
    private final GridRunner grids;

    @Inject
    public GridCollector(SpecLoader loader, GridRunner grids) {
        this.loader = loader;
        this.grids = grids;
    }

    /** Completes the grid if every point has ended and nobody completed it yet. */
    public Optional<GridOutcome> completeIfLast(RunFiles grid) {
        try (Locked l = lock(grid)) {
            if (!RunStatus.RUNNING.name().equals(grid.readRun().path("status").asText())) return Optional.empty();
            for (FrozenPoint p : GridRecord.points(grid)) {
                if (!ended(grid, p)) return Optional.empty();
            }
            LOG.info("every point of {} has ended: writing its summary and report", grid.dir().getFileName());
            return Optional.of(complete(grid));
        }
    }

    /** Completes the grid now, from whatever its points hold (a point that never ran counts as not finished). */
    public GridOutcome collect(RunFiles grid) {
        try (Locked l = lock(grid)) {
            return complete(grid);
        }
    }

    /** A point has ended when its run finished, or when its task says it ended (failed, killed) rather than requeued. */
    public static boolean ended(RunFiles grid, FrozenPoint p) {
        if (RunStatus.FINISHED.name().equals(pointFiles(grid, p).readRun().path("status").asText())) return true;
        return PointTasks.ENDED.equals(PointTasks.read(grid, p.index()).path("state").asText());
    }

    public static RunFiles pointFiles(RunFiles grid, FrozenPoint p) {
        return new RunFiles(grid.dir().resolveSibling(p.dir()));
    }

    private GridOutcome complete(RunFiles grid) {
        List<FrozenPoint> frozen = GridRecord.points(grid);
        List<ResolvedSpec> specs = new ArrayList<>();
        List<PointOutcome> outcomes = new ArrayList<>();
        for (FrozenPoint p : frozen) {
            ResolvedSpec spec = GridRecord.spec(grid, p, loader);
            specs.add(spec);
            RunFiles files = pointFiles(grid, p);
            JsonNode run = files.readRun();
            RunStatus status = run.has("status") ? RunStatus.valueOf(run.path("status").asText()) : RunStatus.KILLED;
            String failure = run.path("failure").path("message").asText(null);
            if (!run.has("status")) failure = "never ran";
            JsonNode results = status == RunStatus.FINISHED ? readResults(files) : null;
            outcomes.add(new PointOutcome(spec, files, PointAction.RUN, status, results, null,
                    status == RunStatus.FINISHED ? null : failure));
        }
        GridSummary summary = GridSummary.of(new ArrayList<>(specs.get(0).axes().keySet()), outcomes);
        RunStatus status;
        try (CompositeTracker tracker = grids.gridTracker(specs, grid)) {
            status = GridCompletion.complete(grid, summary, outcomes, GridRecord.gridName(specs.get(0)), tracker);
        }
        return new GridOutcome(grid, outcomes, status, true, summary);
    }

    private static JsonNode readResults(RunFiles files) {
        try {
            return Files.isRegularFile(files.results()) ? JSON.readTree(files.results().toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Locked lock(RunFiles grid) {
        Path file = grid.dir().resolve("collect.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new Locked(channel, channel.lock());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private record Locked(FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
