package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner run SPEC...}: train, score, report and log every run the specs describe. */
@Command(name = "run", description = "Run experiments: train, score, compute metrics, write results. A grid runs every point.")
final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "spec files (YAML)")
    List<Path> specs;

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
        Injector injector = Injectors.create(options.settings());
        List<SpecBatch.Item> items = SpecBatch.load(specs, injector.getInstance(SpecLoader.class),
                injector.getInstance(ExperimentPlanner.class), options.loaderOptions());
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
                    + options.out);
        }
        return 0;
    }
}
