package org.oodrunner.framework.track.mlflow;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tags MLflow's UI reads ({@code mlflow.runName}, {@code mlflow.source.*}, {@code mlflow.user},
 * {@code mlflow.note.content}, {@code mlflow.parentRunId}) and this runner's own bookkeeping tags,
 * all derived from what the local store records about a run.
 */
final class SystemTags {
    static final String SYNC_KEY = "ood.sync_key";
    static final String KIND = "ood.kind";
    static final String PARENT = "mlflow.parentRunId";

    private SystemTags() {}

    static Map<String, String> of(LocalRun run, String syncKey, String parentRunId) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("mlflow.runName", run.name());
        t.put("mlflow.source.type", "LOCAL");
        if (run.specFile() != null) t.put("mlflow.source.name", run.specFile());
        String commit = run.provenance("git_commit");
        if (commit != null && commit.matches("[0-9a-f]{40}(-dirty)?")) {
            t.put("mlflow.source.git.commit", commit.substring(0, 40));
            if (commit.endsWith("-dirty")) t.put("ood.git_dirty", "true");
        }
        if (run.provenance("user") != null) t.put("mlflow.user", run.provenance("user"));
        if (run.description() != null) t.put("mlflow.note.content", run.description().strip());
        if (parentRunId != null) t.put(PARENT, parentRunId);
        if (run.provenance("framework_version") != null) t.put("framework_version", run.provenance("framework_version"));
        String host = run.provenance("host");
        t.put("ood.local_dir", (host != null ? host + ":" : "") + run.dir().toAbsolutePath().normalize());
        t.put(KIND, run.isGrid() ? LocalRun.KIND_GRID : "run");
        t.put(SYNC_KEY, syncKey);
        return t;
    }
}
