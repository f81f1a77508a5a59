package org.oodrunner.framework.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPU a run ran on, for provenance: its model name and the vector instruction sets that
 * decide how fast TensorFlow's kernels are (Linux's /proc/cpuinfo; "unknown" elsewhere).
 *
 * @param vectorFeatures the vector features present, in the order of {@link #VECTOR_FEATURES}
 */
public record CpuInfo(String model, List<String> vectorFeatures) {
    /** The flags that matter for numerical kernels, x86 then ARM, as /proc/cpuinfo spells them. */
    public static final List<String> VECTOR_FEATURES = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw",
            "avx512vl", "avx512_vnni", "avx512_bf16", "amx_tile", "asimd", "sve");

    public static CpuInfo read(Path cpuinfo) {
        try {
            return parse(Files.readString(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return new CpuInfo(System.getProperty("os.arch"), List.of());
        }
    }

    /** From the text of /proc/cpuinfo: the first processor's model name and flags (x86) or Features (ARM). */
    static CpuInfo parse(String text) {
        String model = null;
        Set<String> flags = Set.of();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (model == null && (key.equals("model name") || key.equals("Model"))) model = value;
            if (flags.isEmpty() && (key.equals("flags") || key.equals("Features"))) flags = new HashSet<>(Arrays.asList(value.split("\\s+")));
        }
        List<String> vector = new ArrayList<>();
        for (String f : VECTOR_FEATURES) {
            if (flags.contains(f)) vector.add(f);
        }
        return new CpuInfo(model == null ? System.getProperty("os.arch") : model, vector);
    }
}
