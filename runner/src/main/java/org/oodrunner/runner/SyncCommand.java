package org.oodrunner.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.track.mlflow.StoreSync;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner sync RUN_DIR...}: send runs of the local store to MLflow. */
@Command(name = "sync", mixinStandardHelpOptions = true, description = "Send runs from the local run store to an MLflow server: whatever it does not have yet "
        + "(after an outage, or runs made without a server). Safe to repeat: nothing is sent twice. A grid's directory "
        + "brings its points along.")
final class SyncCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run (or grid) directories under a run store")
    List<Path> dirs;

    @Option(names = "--tracking-uri", paramLabel = "URL",
            description = "the MLflow server; default: each run's tracking.uri, else MLFLOW_TRACKING_URI, else the server "
                    + "the run was sent to before")
    String trackingUri;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        List<StoreSync.Result> results;
        try (StoreSync sync = new StoreSync(trackingUri, System::getenv)) {
            results = sync.sync(dirs, r -> {
                if (r.ok()) {
                    out.println(r.report().summary());
                    r.report().problems().forEach(p -> out.println("  note: " + p));
                } else {
                    err.println("error: " + r.dir() + ": " + r.failure());
                }
                out.flush();
                err.flush();
            });
        }
        long failed = results.stream().filter(r -> !r.ok()).count();
        if (failed > 0) {
            throw new RunFailedException(failed + " of " + results.size() + " runs are not synced; nothing is lost: run "
                    + "`runner sync` again once the server answers");
        }
        return 0;
    }
}
