package org.oodrunner.runner.data;

import picocli.CommandLine.Command;

/** {@code runner data ...}: get datasets onto disk and see what is there. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets (verified downloads) and list what is on disk.",
        subcommands = {FetchCommand.class, ListCommand.class})
public final class DataCommand {}
