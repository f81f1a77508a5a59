package org.oodrunner.framework.run;

import java.nio.file.Path;

/**
 * Per-invocation settings that are not part of any spec.
 *
 * @param outDir the run store: one directory per run under it
 * @param dataRoot where datasets are found and cached
 * @param trackingUri a tracking server given on the command line, or null
 */
public record RunSettings(Path outDir, Path dataRoot, String trackingUri) {
    /** {@code OOD_DATA_ROOT}, else {@code ~/.cache/ood-runner/datasets}. */
    public static Path defaultDataRoot() {
        String env = System.getenv("OOD_DATA_ROOT");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "ood-runner", "datasets");
    }
}
