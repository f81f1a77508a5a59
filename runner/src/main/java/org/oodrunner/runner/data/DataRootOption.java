package org.oodrunner.runner.data;

import java.nio.file.Path;
import org.oodrunner.framework.run.RunSettings;
import picocli.CommandLine.Option;

/** {@code --data-root}, shared by the data commands. */
public final class DataRootOption {
    @Option(names = "--data-root", paramLabel = "DIR",
            description = "where datasets live (default: $OOD_DATA_ROOT or ~/.cache/ood-runner/datasets)")
    Path dataRoot;

    public Path dataRoot() {
        return dataRoot != null ? dataRoot : RunSettings.defaultDataRoot();
    }

    RunSettings settings() {
        return new RunSettings(Path.of("runs"), dataRoot(), null);
    }
}
