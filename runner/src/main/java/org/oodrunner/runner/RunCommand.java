package org.oodrunner.runner;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.RunStore;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.StoredRun;
import org.oodrunner.framework.run.grid.GridOutcome;
import org.oodrunner.framework.run.grid.GridRunner;
import org.oodrunner.framework.run.grid.PointOutcome;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.TrackerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runner run SPEC...}: train, score, report and log every run the specs describe.
 * Running a spec again continues its run ({@code --resume DIR} does the same from a run
 * directory). Ctrl-C or SIGTERM stops at the next training step, saves a checkpoint and marks
 * the run KILLED.
 */
@Command(mixinStandardHelpOptions = true, name = "run", description = "Run experiments: train, score, compute metrics, write results. "
        + "Running a spec again continues its unfinished run from the last checkpoint; a finished run is not run again. "
        + "A grid runs the points that have not finished (here or on the tracking server) and is one parent run on MLflow; "
        + "--jobs N runs N points at once here, --executor slurm submits them as one Slurm array job.")
final class RunCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the step in progress and the checkpoint before the JVM exits anyway. */

    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "spec files (YAML)")
    List<Path> specs = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue the run in RUN_DIR (a directory `runner run` made) from its last checkpoint; "
                    + "its store is RUN_DIR's parent. --set may change runtime.* and tracking.* only")
    Path resume;

    @Mixin
    SpecOptions options;

    @Option(names = "--dry-run", description = "check the specs and list the runs, but train nothing")
    boolean dryRun;

    @Option(names = "--force", description = "run every point of a grid again from the start, even those that finished "
            + "(earlier run directories are kept, renamed)")
    boolean force;

    @Option(names = "--tracking-uri", paramLabel = "URL",
            description = "MLflow server to log to; overrides the spec's tracking.uri and MLFLOW_TRACKING_URI; "
                    + "'none' logs to the local run store only")
    String trackingUri;

    @Option(names = "--executor", paramLabel = "local|slurm", defaultValue = "local",
            description = "where a grid's points run: local (this machine; see --jobs) or slurm (one array job, "
                    + "submitted at once; settings under runtime.slurm) (default: ${DEFAULT-VALUE})")
    String executor;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "with --executor local: run up to N points at once, each in its own process (default: ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--devices", paramLabel = "LIST", split = ",",
            description = "with --jobs: GPUs to spread the points over, one per process (CUDA_VISIBLE_DEVICES), e.g. 0,1")
    List<String> devices = new ArrayList<>();

    @Option(names = "--wait", description = "with --executor slurm: wait until every point has ended, print the grid's "
            + "table, exit 1 unless all finished")
    boolean await;

    @Option(names = "--point", arity = "2", hidden = true, paramLabel = "GRID_DIR INDEX",
            description = "run one point of a submitted grid (what its Slurm array tasks and workers run)")
    List<String> point;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        if (point != null) return PointTask.run(point, options, command.commandLine(), main.debug());
        if (!"local".equals(executor) && !"slurm".equals(executor)) {
            throw new BadInputException("--executor " + executor + " is not known; use local or slurm");
        }
        if (jobs < 1) throw new BadInputException("--jobs " + jobs + ": give at least 1");
        if ("slurm".equals(executor) && (jobs > 1 || !devices.isEmpty())) {
            throw new BadInputException("--jobs and --devices go with --executor local; Slurm places the points itself "
                    + "(runtime.slurm.gpus or gres asks for GPUs)");
        }
        if (await && !"slurm".equals(executor)) throw new BadInputException("--wait goes with --executor slurm");
        if ((resume == null) == specs.isEmpty()) {
            throw new BadInputException(resume == null ? "name at least one SPEC file, or --resume RUN_DIR"
                    : "give either SPEC files or --resume RUN_DIR, not both");
        }
        if (resume != null && command.commandLine().getParseResult().hasMatchedOption("--out")) {
            throw new BadInputException("--out does not go with --resume: the run's store is the parent of RUN_DIR");
        }
        RunSettings settings = options.settings(trackingUri);
        if (resume != null) {
            settings = new RunSettings(resume.toAbsolutePath().normalize().getParent(), settings.dataRoot(),
                    settings.trackingUri());
        }
        Injector injector = Injectors.create(settings);
        List<SpecBatch.Item> items = resume != null
                ? List.of(stored(injector))
                : SpecBatch.load(specs, injector.getInstance(SpecLoader.class),
                        injector.getInstance(ExperimentPlanner.class), options.loaderOptions());
        StopSignal stop = injector.getInstance(StopSignal.class);
        try (StopOnSignal onSignal = new StopOnSignal(stop, command.commandLine().getErr(),
                "finishing the current step and saving a checkpoint")) {
            // Reported inside: once the hook is released the JVM may finish exiting.
            try {
                return runAll(injector, items);
            } catch (RunInterruptedException e) {
                return Main.report(e, command.commandLine().getErr(), main.debug());
            }
        }
    }

    private int runOne(Injector injector, Path file, ResolvedSpec run, boolean only) {
        try {
            RunOutcome outcome = injector.getInstance(ExperimentRunner.class).run(run, file, Progress.forStderr());
            print(ResultsTable.format(outcome));
            return 0;
        } catch (RunFailedException e) {
            if (only) throw e;
            Main.report(e, command.commandLine().getErr(), main.debug());
            return 1;
        }
    }

    private int runGrid(Injector injector, Path file, List<ResolvedSpec> points, PrintWriter out) {
        GridOutcome grid = injector.getInstance(GridRunner.class).run(points, file, force, Progress.forStderr(),
                this::printPoint);
        out.println();
        out.println(points.get(0).spec().name() + " grid: " + grid.status() + " (" + grid.grid().dir() + ")");
        out.print(ResultsTable.table(grid.summary().header(), grid.summary().rows()));
        out.flush();
        return (int) grid.failed();
    }

    private void printPoint(PointOutcome p) {
        if (p.action().runs() && p.results() != null) {
            print(ResultsTable.format(new RunOutcome(p.spec(), p.files(), p.results())));
        } else if (!p.action().runs()) {
            print(p.spec().runName() + ": " + p.action().description() + "\n");
        }
    }

    private void print(String text) {
        PrintWriter out = command.commandLine().getOut();
        out.print(text);
        out.flush();
    }

    private SpecBatch.Item stored(Injector injector) {
        StoredRun run = StoredRun.load(resume, injector.getInstance(SpecLoader.class), options.overrides);
        return new SpecBatch.Item(run.specFile(), run.spec());
    }

    private int runAll(Injector injector, List<SpecBatch.Item> items) {
        PrintWriter out = command.commandLine().getOut();
        if (dryRun) {
            for (SpecBatch.Item item : items) {
                out.println(item.run().hash() + "  " + item.run().runName() + "  (" + item.file() + ")");
            }
            out.println(items.size() + " run(s) checked; --dry-run trains nothing");
            out.flush();
            return 0;
        }
        // A tracking setting that cannot work stops the command before anything runs.
        Set<TrackerFactory> trackers = injector.getInstance(Key.get(new TypeLiteral<Set<TrackerFactory>>() {}));
        Map<Path, List<ResolvedSpec>> byFile = new LinkedHashMap<>();
        for (SpecBatch.Item item : items) {
            trackers.forEach(t -> t.check(item.run()));
            byFile.computeIfAbsent(item.file(), f -> new ArrayList<>()).add(item.run());
        }
        int failed = 0;
        GridExecutors executors = new GridExecutors(injector, absolute(injector.getInstance(RunSettings.class)), force, out);
        for (Map.Entry<Path, List<ResolvedSpec>> file : byFile.entrySet()) {
            List<ResolvedSpec> runs = file.getValue();
            boolean grid = runs.size() > 1 || !runs.get(0).axes().isEmpty();
            if ("slurm".equals(executor)) {
                failed += executors.slurm(file.getKey(), runs, await);
            } else if (jobs > 1) {
                failed += executors.local(file.getKey(), runs, jobs, devices);
            } else {
                failed += grid ? runGrid(injector, file.getKey(), runs, out)
                        : runOne(injector, file.getKey(), runs.get(0), items.size() == 1);
            }
        }
        if (failed > 0) {
            throw new RunFailedException(failed + " of " + items.size() + " runs failed; the others finished and are in "
                    + injector.getInstance(RunStore.class).root());
        }
        return 0;
    }

    /** Settings with absolute paths, as a grid handed to other processes (other directories, other nodes) needs them. */
    private static RunSettings absolute(RunSettings s) {
        return new RunSettings(s.outDir().toAbsolutePath().normalize(),
                s.dataRoot() == null ? null : s.dataRoot().toAbsolutePath().normalize(), s.trackingUri());
    }
}
