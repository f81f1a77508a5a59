package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** What a run exports besides its results. */
public record ExportSpec(
        @Param(doc = "write the trained model as a TensorFlow SavedModel (artifacts/saved_model) with a "
                + "`log_prob` signature: images in [0,1] in, per-example log-density out", value = "true")
        boolean savedModel) {}
