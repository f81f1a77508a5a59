package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Where a run is logged besides the local run store. */
public record TrackingSpec(
        @Param(doc = "MLflow experiment name (created when missing)", value = "ood-runner") String experiment,
        @Param(doc = "MLflow tracking server URI (http or https); --tracking-uri overrides it; null: "
                + "MLFLOW_TRACKING_URI, else none", value = "null")
        String uri,
        @Param(doc = "send what the run logged to the server at least this often, in seconds", value = "5", min = 0,
                exclusiveMin = true)
        double flushSeconds,
        @Param(doc = "upload run artifacts up to this size per file, in MiB (saved models and checkpoints are often "
                + "larger: raise it to upload them); 0 uploads none", value = "64", min = 0)
        double maxArtifactMb,
        @Param(doc = "also upload the run's checkpoints (latest and best) at its end, within max_artifact_mb", value = "false")
        boolean uploadCheckpoints,
        @Param(doc = "at the end of a run, how long to wait for a server that has stopped making progress before "
                + "leaving the rest to `runner sync`, in seconds", value = "30", min = 0, exclusiveMin = true)
        double stallSeconds) {

    /** The defaults above, for runs recorded before these settings existed. */
    public static final double DEFAULT_FLUSH_SECONDS = 5;
    public static final double DEFAULT_MAX_ARTIFACT_MB = 64;
}
