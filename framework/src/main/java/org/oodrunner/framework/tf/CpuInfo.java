package org.oodrunner.framework.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CPU's model name and feature flags, read from {@code /proc/cpuinfo} (Linux). TensorFlow's
 * speed depends on the vector instructions a machine has (AVX2, AVX-512) and its oneDNN default
 * on a few more, so runs and {@code runner doctor} name them.
 *
 * @param model the first processor's "model name", or "unknown CPU"
 * @param flags the first processor's flags (lower case, as the kernel spells them); empty when unknown
 */
public record CpuInfo(String model, Set<String> flags) {
    public CpuInfo {
        flags = Set.copyOf(flags);
    }

    /** This machine's CPU; an unknown one where /proc/cpuinfo cannot be read. */
    public static CpuInfo current() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
        } catch (IOException | SecurityException e) {
            return new CpuInfo("unknown CPU", Set.of());
        }
    }

    /** Reads the first processor's block of /proc/cpuinfo text. */
    public static CpuInfo parse(List<String> lines) {
        String model = "unknown CPU";
        Set<String> flags = new TreeSet<>();
        boolean haveModel = false;
        boolean haveFlags = false;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (!haveModel && key.equals("model name")) {
                model = value;
                haveModel = true;
            } else if (!haveFlags && key.equals("flags")) {
                for (String f : value.split("\\s+")) if (!f.isEmpty()) flags.add(f);
                haveFlags = true;
            }
        }
        return new CpuInfo(model, flags);
    }

    /** The vector extensions TensorFlow's kernels use, widest last: e.g. "AVX, AVX2, FMA"; "none" when none is listed. */
    public String vectorFeatures() {
        List<String> named = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16",
                "avx_vnni", "amx_tile");
        List<String> found = named.stream().filter(flags::contains)
                .map(f -> f.toUpperCase(java.util.Locale.ROOT).replace("SSE4_2", "SSE4.2").replace("AVX512F", "AVX-512")
                        .replace("AVX512_", "AVX-512 ").replace("_", "-"))
                .toList();
        return found.isEmpty() ? "none listed" : String.join(", ", found);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
