package org.oodrunner.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.report.ClaimsMarkdown;
import org.oodrunner.framework.report.CurvesMarkdown;
import org.oodrunner.framework.report.ResultsMarkdown;
import org.oodrunner.framework.report.SeedsMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runner table DIR... [--seeds]} and {@code runner table --claims FILE [--store DIR]}:
 * results tables generated from finished runs.
 */
@Command(name = "table", mixinStandardHelpOptions = true, description = {
    "Print results tables of finished runs, generated from their results.json and run.json: where each run "
            + "came from (commit, command, machine, date), bits/dim per set, every metric with its bootstrap interval.",
    "A grid's record (<out>/<name>-grid-<hash>) stands for its points' runs, in point order.",
    "--seeds: runs whose specs differ only in seed (and runtime, tracking) form a group; each value is given as "
            + "mean ± sample sd [min, max] over the group's seeds, with the per-seed values below.",
    "--claims FILE: the \"Paper vs here\" table of a claims file (YAML: claim, paper, runs, value, holds_if, command, "
            + "section, note, where; docs/claims.yaml is one; docs/architecture.md describes them).",
    "Paste the output into documents instead of typing numbers."})
final class TableCommand implements Callable<Integer> {
    /** The formats the tables can be printed in. */
    enum Format {
        markdown
    }

    @Parameters(arity = "0..*", paramLabel = "DIR",
            description = "run directories (<out>/<name>-<hash>) or grid directories (<out>/<name>-grid-<hash>), in the order wanted")
    List<Path> runs = List.of();

    @Option(names = "--seeds", description = "group runs that differ only in seed; print mean ± sd [min, max] per group "
            + "and the per-seed values")
    boolean seeds;

    @Option(names = "--varies", paramLabel = "PATH", description = "with --seeds or --curves: a spec setting that may also differ "
            + "within a group (repeatable), e.g. data.features.run when each seed's flow reads its own seed's classifier")
    List<String> varies = List.of();

    @Option(names = "--claims", paramLabel = "FILE", description = "print the \"Paper vs here\" table of this claims file (YAML)")
    Path claims;

    @Option(names = "--store", paramLabel = "DIR", description = "with --claims: the directory the claims' relative run "
            + "directories are in (default: the current directory)")
    Path store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--curves", description = "also print detection over training (the runs' eval.every histories): "
            + "a row per evaluation step, bits/dim per set and each scorer's --curve-metric; one table per group of "
            + "runs that differ only in seed (as --seeds groups them), each cell the mean and sample sd over the "
            + "group's seeds: a grid over masks and seeds gives a curve per mask, never a mean across masks")
    boolean curves;

    @Option(names = "--curve-metric", paramLabel = "METRIC", defaultValue = "auroc",
            description = "the detection metric of --curves (default: ${DEFAULT-VALUE})")
    String curveMetric;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        String text;
        if (claims != null) {
            if (!runs.isEmpty() || seeds) {
                throw new BadInputException("--claims takes its runs from the claims file: leave out the run directories"
                        + (seeds ? " and --seeds" : ""));
            }
            text = ClaimsMarkdown.render(claims, store == null ? Path.of("") : store);
        } else {
            if (store != null) throw new BadInputException("--store goes with --claims FILE");
            if (runs.isEmpty()) {
                throw new BadInputException("name at least one run or grid directory, or a claims file with --claims FILE");
            }
            if (!varies.isEmpty() && !seeds && !curves) throw new BadInputException("--varies goes with --seeds or --curves");
            text = seeds ? SeedsMarkdown.render(runs, varies) : ResultsMarkdown.render(runs);
            if (curves) {
                text += CurvesMarkdown.renderPerGroup(runs, varies, curveMetric);
            }
        }
        command.commandLine().getOut().print(text);
        command.commandLine().getOut().flush();
        return 0;
    }
}
