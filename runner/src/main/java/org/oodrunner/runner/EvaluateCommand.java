package org.oodrunner.runner;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.evaluate.RunEvaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner evaluate RUN_DIR}: score a trained run again, without training, into a directory of its own. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = {
    "Evaluate a trained run again without training: rebuild its model, restore the weights of its last checkpoint "
            + "(the best, when early stopping kept the best), then score, compute metrics and analyses and write "
            + "results.json, scores.csv and report.html.",
    "Results go to a new directory, RUN_DIR/evaluations/<time>-<hash>/ unless --out names one; the run's own files "
            + "are not changed. Nothing is sent to a tracking server.",
    "--set may change only how the model is judged: scorers, metrics, analyses, eval.*, data.test, data.ood and "
            + "runtime.*; e.g. --set 'data.ood=[{dataset: mnist, split: test}, {dataset: svhn, split: test}]'."})
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory `runner run` made (runs/<name>-<hash>)")
    Path runDir;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "override how the run is evaluated, e.g. --set scorers=[log_likelihood,input_complexity] "
                    + "(YAML values; repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "write the evaluation here (a new or empty directory) instead of under RUN_DIR/evaluations/")
    Path out;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "where datasets live (default: $OOD_DATA_ROOT or ~/.cache/ood-runner/datasets)")
    Path dataRoot;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @picocli.CommandLine.ParentCommand
    Main main;

    @Override
    public Integer call() {
        RunSettings settings = new RunSettings(runDir.toAbsolutePath().normalize().getParent(),
                dataRoot != null ? dataRoot : RunSettings.defaultDataRoot(), null);
        Injector injector = Injectors.create(settings);
        RunEvaluator evaluator = injector.getInstance(RunEvaluator.class);
        RunOutcome outcome;
        try (StopOnSignal onSignal = new StopOnSignal(injector.getInstance(StopSignal.class), command.commandLine().getErr(),
                "finishing the current batch and recording the evaluation as KILLED")) {
            // Reported inside: once the hook is released the JVM may finish exiting.
            try {
                outcome = evaluator.evaluate(runDir, overrides, out, Progress.forStderr());
            } catch (RunInterruptedException e) {
                return Main.report(e, command.commandLine().getErr(), main.debug());
            }
        }
        PrintWriter w = command.commandLine().getOut();
        w.print(ResultsTable.format(outcome));
        w.println("\n  evaluation of " + runDir + " written to " + outcome.files().dir());
        w.flush();
        return 0;
    }
}
