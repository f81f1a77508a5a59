package org.oodrunner.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.track.mlflow.LocalMlflowUi;
import org.oodrunner.framework.track.mlflow.MlflowExecutable;
import org.oodrunner.framework.track.mlflow.MlflowServerProcess;
import org.oodrunner.framework.track.mlflow.StoreSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runner ui}: a local MLflow UI over the run store. */
@Command(name = "ui", mixinStandardHelpOptions = true, description = "Start a local MLflow server (SQLite, in <out>/.mlflow) on a free loopback port, send it "
        + "every run of the run store, and print its address. Runs until Ctrl-C.")
final class UiCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "the run store (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "port to serve on (default: the one used last time if free, else any free one)")
    int port;

    @Option(names = "--mlflow", paramLabel = "PATH", description = "the mlflow command (default: $OOD_MLFLOW, "
            + "~/.cache/ood-runner/mlflow-venv/bin/mlflow, or mlflow on the PATH)")
    String mlflow;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        Optional<Path> executable = MlflowExecutable.find(mlflow, System::getenv);
        if (executable.isEmpty()) {
            throw new RunFailedException("the `mlflow` command is not installed; " + MlflowExecutable.installHint(System::getenv));
        }
        PrintWriter stdout = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        err.println("starting MLflow (" + executable.get() + ") for " + out.toAbsolutePath() + " ...");
        err.flush();
        MlflowServerProcess server = LocalMlflowUi.start(out, executable.get(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mlflow-ui-stop"));
        List<Path> runs = StoreSync.runsIn(out);
        try (StoreSync sync = new StoreSync(server.uri(), System::getenv)) {
            sync.sync(runs, r -> {
                if (!r.ok()) err.println("error: " + r.dir() + ": " + r.failure());
                err.flush();
            });
        }
        stdout.println("MLflow UI: " + server.uri() + "  (" + runs.size() + " runs from " + out + "; Ctrl-C stops it)");
        stdout.flush();
        int code = server.waitFor();
        throw new RunFailedException("the MLflow server stopped (exit code " + code + "); its log: "
                + LocalMlflowUi.home(out).resolve("server.log"));
    }
}
