package org.oodrunner.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.SpecLoader;
import picocli.CommandLine.Option;

/** Options shared by the commands that read specs. */
public final class SpecOptions {
    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "override a spec value, e.g. --set train.steps=100 (YAML values; repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "512",
            description = "refuse a grid that expands to more than N runs (default: ${DEFAULT-VALUE})")
    int maxRuns;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "the run store: one directory per run (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "where datasets live (default: $OOD_DATA_ROOT or ~/.cache/ood-runner/datasets)")
    Path dataRoot;

    SpecLoader.Options loaderOptions() {
        return new SpecLoader.Options(overrides, maxRuns, System::getenv);
    }

    RunSettings settings() {
        return settings(null);
    }

    /** Settings with a tracking server named on the command line (null: none named). */
    RunSettings settings(String trackingUri) {
        return new RunSettings(out, dataRoot != null ? dataRoot : RunSettings.defaultDataRoot(), trackingUri);
    }
}
