package org.oodrunner.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.store.StorageFailure;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code runner} command. Parses arguments and hands over to the framework; every error a
 * user can cause ends as one line on stderr and an exit code (2: bad spec or usage, 1: a run
 * failed), with the stack trace only under {@code --debug}.
 */
@Command(name = "runner",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Declarative out-of-distribution detection experiments with deep generative models.",
        subcommands = {RunCommand.class, ValidateCommand.class, ExpandCommand.class, ComponentsCommand.class,
                SchemaCommand.class, org.oodrunner.runner.data.DataCommand.class,
                org.oodrunner.runner.bench.BenchCommand.class, MetricsCommand.class, SyncCommand.class, UiCommand.class,
                CompareCommand.class, EvaluateCommand.class, StatusCommand.class, CancelCommand.class,
                CollectCommand.class, TableCommand.class,
                VerifyCommand.class, org.oodrunner.runner.doctor.DoctorCommand.class})
public final class Main {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "log details and print stack traces of errors")
    void setDebug(boolean debug) {
        this.debug = debug;
        if (debug) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.oodrunner").setLevel(Level.DEBUG);
        }
    }

    private boolean debug;

    /** Whether --debug was given: errors then carry their stack traces. */
    boolean debug() {
        return debug;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (without exiting). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr(), main.debug));
        cli.setParameterExceptionHandler((e, args2) -> {
            PrintWriter usage = e.getCommandLine().getErr();
            usage.println("error: " + e.getMessage());
            usage.println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            usage.flush();
            return BadInputException.EXIT_CODE;
        });
        return cli.execute(args);
    }

    /** Prints an error as one line per problem (plus the stack trace with --debug); returns the exit code. */
    static int report(Exception e, PrintWriter err, boolean debug) {
        // A full disk, a permission, a read-only file system: the machine's problem, said as such.
        StorageFailure storage = e instanceof UserFacingException ? null : StorageFailure.of(e);
        if (storage != null) {
            err.println("error: " + storage.getMessage());
            if (debug) e.printStackTrace(err);
            err.flush();
            return storage.exitCode();
        }
        if (e instanceof UserFacingException u) {
            for (String line : u.getMessage().split("\n")) err.println("error: " + line);
            if (debug) e.printStackTrace(err);
            err.flush();
            return u.exitCode();
        }
        err.println("error: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) e.printStackTrace(err);
        err.flush();
        return RunFailedException.EXIT_CODE;
    }
}
