package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} with its usage (exit 0), whatever its required parameters. */
class HelpCliTest {
    @Test
    void everySubcommandAcceptsHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), paths);
        assertTrue(paths.size() > 20, "expected every subcommand of runner, found " + paths);
        List<String> failed = new ArrayList<>();
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Cli cli = Cli.run(args.toArray(String[]::new));
            String usage = "Usage: runner " + String.join(" ", path);
            if (cli.exitCode() != 0 || !cli.out().startsWith(usage.trim())) {
                failed.add(String.join(" ", path) + " --help: exit " + cli.exitCode() + ", " + cli.err().strip());
            }
        }
        assertEquals(List.of(), failed);
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) continue; // an alias
            List<String> p = new ArrayList<>(path);
            p.add(sub.getKey());
            collect(sub.getValue(), p, out);
        }
    }
}
