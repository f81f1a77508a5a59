package org.oodrunner.runner.bench;

import picocli.CommandLine.Command;

/**
 * {@code runner bench ...}: the benchmarks whose results docs/benchmarks.md records. Each
 * benchmark is a subcommand in this package; it prints its measurements and the machine.
 */
@Command(mixinStandardHelpOptions = true, name = "bench", description = "Measure speed and memory (results are recorded in docs/benchmarks.md).",
        subcommands = {EngineBench.class, DataBench.class, MetricsBenchCommand.class,
                FlowBenchCommand.class, ModelThroughputBench.class, JemBench.class, ProfileBench.class, CompareBench.class})
public final class BenchCommand {}
