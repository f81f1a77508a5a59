package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.oodrunner.framework.spec.SpecLoader;
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
@Command(mixinStandardHelpOptions = true, name = "run", description = "Run experiments: train, score, compute metrics, write results. A grid runs every point. "
        + "Running a spec again continues its unfinished run from the last checkpoint; a finished run is not run again.")
final class RunCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the step in progress and the checkpoint before the JVM exits anyway. */
    private static final long STOP_GRACE_SECONDS = 120;

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

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        if ((resume == null) == specs.isEmpty()) {
            throw new BadInputException(resume == null ? "name at least one SPEC file, or --resume RUN_DIR"
                    : "give either SPEC files or --resume RUN_DIR, not both");
        }
        if (resume != null && command.commandLine().getParseResult().hasMatchedOption("--out")) {
            throw new BadInputException("--out does not go with --resume: the run's store is the parent of RUN_DIR");
        }
        RunSettings settings = options.settings();
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
        CountDownLatch ended = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            PrintWriter err = command.commandLine().getErr();
            err.println("stopping: finishing the current step and saving a checkpoint (up to " + STOP_GRACE_SECONDS
                    + " s; kill -9 to abort at once)");
            err.flush();
            stop.request("stopped by a signal");
            try {
                ended.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runner-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return runAll(injector, items);
        } catch (RunInterruptedException e) {
            return Main.report(e, command.commandLine().getErr(), main.debug());
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the run has ended
            }
        }
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
        ExperimentRunner runner = injector.getInstance(ExperimentRunner.class);
        int failed = 0;
        for (SpecBatch.Item item : items) {
            try {
                RunOutcome outcome = runner.run(item.run(), item.file(), Progress.forStderr());
                out.print(ResultsTable.format(outcome));
                out.flush();
            } catch (RunFailedException e) {
                failed++;
                if (items.size() == 1) throw e;
                Main.report(e, command.commandLine().getErr(), main.debug());
            } catch (UserFacingException e) {
                throw e;
            }
        }
        if (failed > 0) {
            throw new RunFailedException(failed + " of " + items.size() + " runs failed; the others finished and are in "
                    + injector.getInstance(RunStore.class).root());
        }
        return 0;
    }
}
