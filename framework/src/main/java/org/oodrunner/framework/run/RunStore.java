package org.oodrunner.framework.run;

import com.google.inject.Inject;
import java.nio.file.Path;
import org.oodrunner.framework.spec.ResolvedSpec;

/**
 * The local store of runs: {@code <out>/<spec name>-<spec hash>/}. The same concrete spec
 * always maps to the same directory, so re-running it finds what an earlier attempt left.
 */
public final class RunStore {
    private final Path root;

    @Inject
    public RunStore(RunSettings settings) {
        this.root = settings.outDir();
    }

    public Path root() {
        return root;
    }

    public RunFiles filesFor(ResolvedSpec run) {
        return new RunFiles(root.resolve(safe(run.spec().name()) + "-" + run.hash()));
    }

    /** The record of a whole grid: {@code <out>/<spec name>-grid-<grid hash>/}. */
    public RunFiles gridFilesFor(String specName, String gridHash) {
        return new RunFiles(root.resolve(safe(specName) + "-grid-" + gridHash));
    }

    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.isEmpty() ? "run" : s;
    }
}
