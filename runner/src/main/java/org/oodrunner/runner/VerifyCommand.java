package org.oodrunner.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner verify RUN_DIR}: what of a run directory is intact. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Check a run directory without changing it: run.json, the spec, metrics.jsonl, "
        + "results.json and scores.csv parse; every checkpoint's and the SavedModel's files match their recorded sizes "
        + "and checksums. Exit 1 when something is damaged.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run directory, e.g. runs/<name>-<hash>")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        List<RunVerifier.Finding> findings = RunVerifier.verify(dir);
        for (RunVerifier.Finding f : findings) {
            out.printf("%-8s %s: %s%n", f.intact() ? "intact" : "DAMAGED", f.item(), f.detail());
        }
        out.flush();
        long damaged = findings.stream().filter(f -> !f.intact()).count();
        if (damaged > 0) {
            throw new RunFailedException(damaged + " of " + findings.size() + " items of " + dir + " are damaged; "
                    + "run it again (`runner run --resume " + dir + "`): it resumes from its newest intact checkpoint and rewrites "
                    + "the records (for a finished run, delete its results.json first)");
        }
        out.println(dir + ": all " + findings.size() + " items intact");
        out.flush();
        return 0;
    }
}
