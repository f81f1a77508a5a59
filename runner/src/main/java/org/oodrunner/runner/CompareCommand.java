package org.oodrunner.runner;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.track.mlflow.MlflowConnection;
import org.oodrunner.framework.track.mlflow.MlflowTarget;
import org.oodrunner.framework.track.mlflow.MlflowUnavailableException;
import org.oodrunner.framework.track.mlflow.RunComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner compare EXPERIMENT}: a table of an experiment's runs, from MLflow. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Table of an MLflow experiment's runs: the params that differ between them and "
        + "their result metrics.")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "the MLflow experiment (a spec's tracking.experiment)")
    String experiment;

    @Option(names = "--filter", paramLabel = "EXPR",
            description = "MLflow search filter, e.g. 'params.model.type = \"glow\" and "
                    + "metrics.`log_likelihood/mnist/test/auroc` > 0.5' (backticks around keys with slashes)")
    String filter;

    @Option(names = "--sort", paramLabel = "METRIC", description = "sort by this metric (a whole key or its last part, "
            + "e.g. auroc), highest first")
    String sort;

    @Option(names = "--ascending", description = "with --sort: lowest first")
    boolean ascending;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "1000", description = "at most N runs (default: ${DEFAULT-VALUE})")
    int maxRuns;

    @Option(names = "--tracking-uri", paramLabel = "URL", description = "the MLflow server (default: MLFLOW_TRACKING_URI)")
    String trackingUri;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        MlflowTarget target = MlflowTarget.resolve(trackingUri, null, System::getenv).orElseThrow(() -> new BadInputException(
                "no MLflow server: pass --tracking-uri URL or set " + MlflowTarget.ENV_URI));
        RunComparison.Table table;
        try (MlflowConnection server = new MlflowConnection(target)) {
            table = RunComparison.of(server, experiment, filter, sort, ascending, maxRuns);
        } catch (MlflowUnavailableException e) {
            throw new RunFailedException(e.getMessage(), e);
        }
        PrintWriter out = command.commandLine().getOut();
        if (table.rows().isEmpty()) {
            out.println("no runs in '" + experiment + "'" + (filter == null ? "" : " match the filter"));
        } else {
            out.print(ResultsTable.table(table.header(), table.rows()));
            out.println(table.rows().size() + " run(s)" + (table.gridRuns() > 0 ? "; " + table.gridRuns()
                    + " grid parent run(s) not shown" : ""));
        }
        out.flush();
        return 0;
    }
}
