package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Where a run is logged besides the local run store. */
public record TrackingSpec(
        @Param(doc = "MLflow experiment name", value = "ood-runner") String experiment,
        @Param(doc = "MLflow tracking server URI (http or https); null: MLFLOW_TRACKING_URI or none", value = "null")
        String uri) {}
