package org.oodrunner.runner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What docs/benchmarks.md records next to a number: the CPU, its cores, and how busy the machine was. */
final class MachineInfo {
    private MachineInfo() {}

    /** CPU model and core count. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | SecurityException e) {
            // not Linux: the core count still says something
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    /** The CPU's vector extensions that matter to TensorFlow's and PyTorch's kernels (from /proc/cpuinfo's flags). */
    static String vectorFeatures() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (!line.startsWith("flags")) continue;
                java.util.Set<String> flags = java.util.Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                String found = java.util.stream.Stream.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni",
                        "avx512_bf16", "amx_tile").filter(flags::contains).collect(java.util.stream.Collectors.joining(" "));
                return found.isEmpty() ? "no AVX" : found + (flags.contains("avx512f") ? "" : " (no AVX-512)");
            }
        } catch (IOException | SecurityException e) {
            // not Linux
        }
        return "vector features unknown";
    }

    /** The 1-minute load average (Linux), or "?" elsewhere: on a shared machine, other processes' share of the cores. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
