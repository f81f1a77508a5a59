package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;

/**
 * Writes run directories of the local store in their real format (run.json, spec.effective.json,
 * and params, tags, metrics and artifacts through {@link LocalTracker}), without training
 * anything: for tests of the sync itself.
 */
final class LocalRunFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRunFixture() {}

    /** A run record with RUNNING status and the given tracking settings; the tracker is started. */
    static LocalTracker begin(RunFiles files, String name, String experiment, double maxArtifactMb, String parentDir) {
        ObjectNode run = JSON.createObjectNode();
        run.put("name", name);
        run.put("spec_name", name);
        run.put("hash", Integer.toHexString(name.hashCode()));
        run.put("status", "RUNNING");
        run.put("started", Instant.now().minusSeconds(60).toString());
        run.put("attempts", 1);
        run.put("spec_file", "/specs/" + name + ".yaml");
        if (parentDir != null) run.put("parent", parentDir);
        ObjectNode prov = run.putObject("provenance");
        prov.put("framework_version", "9.9.9-test");
        prov.put("git_commit", "0123456789abcdef0123456789abcdef01234567-dirty");
        prov.put("user", "tester");
        prov.put("host", "testhost");
        files.writeJson(files.runJson(), run);
        ObjectNode spec = JSON.createObjectNode();
        spec.put("name", name);
        spec.put("description", "what " + name + " is for");
        ObjectNode tracking = spec.putObject("tracking");
        tracking.put("experiment", experiment);
        tracking.putNull("uri");
        tracking.put("max_artifact_mb", maxArtifactMb);
        files.writeJson(files.effectiveSpec(), spec);
        LocalTracker local = new LocalTracker(files);
        local.start(new RunInfo(experiment, name, "h", null, Map.of()));
        return local;
    }

    /** A grid record listing its points' directories. */
    static void grid(RunFiles files, String name, String experiment, String... points) {
        ObjectNode run = JSON.createObjectNode();
        run.put("kind", "grid");
        run.put("name", name);
        run.put("status", "FINISHED");
        run.put("started", Instant.now().minusSeconds(120).toString());
        run.put("ended", Instant.now().toString());
        run.putObject("tracking").put("experiment", experiment);
        var list = run.putArray("points");
        for (String p : points) list.addObject().put("dir", p);
        files.writeJson(files.runJson(), run);
    }

    static void writeBytes(Path file, int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
