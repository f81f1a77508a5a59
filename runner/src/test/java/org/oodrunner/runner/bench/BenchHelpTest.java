package org.oodrunner.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oodrunner.runner.Cli;
import picocli.CommandLine;

/** Every `runner bench` subcommand answers --help with its usage (and runs nothing). */
class BenchHelpTest {
    @Test
    void everyBenchSubcommandPrintsItsUsageForHelp() {
        Set<String> names = new CommandLine(new BenchCommand()).getSubcommands().keySet();
        assertTrue(names.contains("flows") && names.contains("data") && names.contains("metrics"), names.toString());
        for (String name : names) {
            Cli cli = Cli.run("bench", name, "--help");
            assertEquals(0, cli.exitCode(), name + ": " + cli.err());
            assertTrue(cli.out().startsWith("Usage: runner bench " + name), name + ": " + cli.out());
            assertTrue(cli.out().contains("--help"), name + ": " + cli.out());
            assertFalse(cli.out().contains("| ") || cli.out().contains("img/s ("), name + " ran instead: " + cli.out());
        }
    }
}
