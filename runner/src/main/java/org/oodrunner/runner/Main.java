package org.oodrunner.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.UserFacingException;
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
                SchemaCommand.class, org.oodrunner.runner.bench.BenchCommand.class, MetricsCommand.class})
public final class Main {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "log details and print stack traces of errors")
    void setDebug(boolean debug) {
        Main.debug = debug;
        if (debug) {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("org.oodrunner").setLevel(Level.DEBUG);
        }
    }

    static boolean debug;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests, without exiting). */
    public static int execute(String... args) {
        debug = false;
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr()));
        cli.setParameterExceptionHandler((e, args2) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage());
            err.println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            err.flush();
            return 2;
        });
        return cli.execute(args);
    }

    static int report(Exception e, PrintWriter err) {
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
