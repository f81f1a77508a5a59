package org.oodrunner.framework.track.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Syncs several runs of the local store ({@code runner sync}, {@code runner ui}): a grid before its
 * points (so they can be nested under it) and a grid's points with it. Each run goes to the server
 * named by {@code --tracking-uri}, else by its spec, else by {@code MLFLOW_TRACKING_URI}, else to
 * the one server it was synced to before.
 */
public final class StoreSync implements AutoCloseable {
    /** How long to wait for another process that is syncing the same run. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One run's outcome: what was sent, or why nothing could be. */
    public record Result(Path dir, SyncReport report, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final String commandLineUri;
    private final Function<String, String> environment;
    private final Map<String, RunSync> syncs = new LinkedHashMap<>();
    private final List<MlflowConnection> connections = new ArrayList<>();

    public StoreSync(String commandLineUri, Function<String, String> environment) {
        this.commandLineUri = commandLineUri;
        this.environment = environment;
    }

    /** The run directories of a store, grids first. */
    public static List<Path> runsIn(Path store) {
        if (!Files.isDirectory(store)) return List.of();
        try (Stream<Path> dirs = Files.list(store)) {
            return order(dirs.filter(LocalRun::isRunDir).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + store, e);
        }
    }

    /** The runs to sync for {@code dirs}, in order: each grid, then its points; no run twice. */
    public static List<Path> order(List<Path> dirs) {
        for (Path d : dirs) LocalRun.read(d);
        Set<Path> out = new LinkedHashSet<>();
        Set<Path> points = new TreeSet<>();
        for (Path d : dirs) {
            LocalRun run = LocalRun.read(d);
            if (run.isGrid()) {
                out.add(d.normalize());
                for (Path c : run.childDirs()) {
                    if (LocalRun.isRunDir(c)) out.add(c.normalize());
                }
            } else {
                Path parent = run.parentDir();
                if (parent != null && LocalRun.isRunDir(parent)) out.add(parent.normalize());
                points.add(d.normalize());
            }
        }
        out.addAll(points);
        return List.copyOf(out);
    }

    /** Syncs each run (artifacts included); a run that fails does not stop the others. */
    public List<Result> sync(List<Path> dirs, Consumer<Result> onRun) {
        List<Result> results = new ArrayList<>();
        for (Path dir : order(dirs)) {
            Result r;
            try {
                MlflowTarget target = targetFor(LocalRun.read(dir));
                r = new Result(dir, syncFor(target).sync(dir, true, PATIENCE), null);
            } catch (MlflowUnavailableException | MlflowRejectedException | SyncBusyException | BadInputException e) {
                r = new Result(dir, null, e.getMessage());
            }
            results.add(r);
            onRun.accept(r);
        }
        return results;
    }

    private MlflowTarget targetFor(LocalRun run) {
        Optional<MlflowTarget> t = MlflowTarget.resolve(commandLineUri, run.specTrackingUri(), environment);
        if (t.isPresent()) return t.get();
        Set<String> before = SyncState.load(run.dir()).targets.keySet();
        if (before.size() == 1) return MlflowTarget.of(before.iterator().next(), SyncState.FILE, environment);
        throw new BadInputException("no tracking server for " + run.dir() + (before.isEmpty() ? "" : " (it went to "
                + String.join(" and ", before) + " before)") + ": pass --tracking-uri URL or set " + MlflowTarget.ENV_URI);
    }

    private RunSync syncFor(MlflowTarget target) {
        return syncs.computeIfAbsent(target.uri(), u -> {
            MlflowConnection c = new MlflowConnection(target);
            connections.add(c);
            return new RunSync(c);
        });
    }

    @Override
    public void close() {
        connections.forEach(MlflowConnection::close);
    }
}
