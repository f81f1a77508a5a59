package org.oodrunner.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.report.CurvesMarkdown;
import org.oodrunner.framework.report.ResultsMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner table RUN_DIR... --format markdown}: results tables generated from finished runs. */
@Command(name = "table", description = {
    "Print results tables of finished runs, generated from their results.json and run.json: where each run "
            + "came from (commit, command, machine, date), bits/dim per set, every metric with its bootstrap interval.",
    "Paste the output into documents instead of typing numbers."})
final class TableCommand implements Callable<Integer> {
    /** The formats the tables can be printed in. */
    enum Format {
        markdown
    }

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run directories (<out>/<name>-<hash>), in the order wanted")
    List<Path> runs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--curves", description = "also print detection over training (the runs' eval.every histories): "
            + "a row per evaluation step, bits/dim per set and each scorer's --curve-metric, as the mean and sample sd "
            + "over the runs given (name the seeds of one configuration)")
    boolean curves;

    @Option(names = "--curve-metric", paramLabel = "METRIC", defaultValue = "auroc",
            description = "the detection metric of --curves (default: ${DEFAULT-VALUE})")
    String curveMetric;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(ResultsMarkdown.render(runs));
        if (curves) command.commandLine().getOut().print(CurvesMarkdown.render(runs, curveMetric));
        command.commandLine().getOut().flush();
        return 0;
    }
}
