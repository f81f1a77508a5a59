package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/**
 * Train and score the density model on a trained classifier's features instead of pixels
 * (Kirichenko et al. 2020, section 7): every set's images go once through a TensorFlow
 * SavedModel (a run of this framework, or any other) and the named output becomes the set, one
 * vector [1, 1, dims] per example, cached in the run directory.
 */
public record FeaturesSpec(
        @Param(doc = "a run directory of this framework whose model gives the features (its exported "
                + "artifacts/saved_model); relative to the working directory; null: use saved_model", value = "null")
        String run,
        @Param(doc = "a TensorFlow SavedModel directory (tag serve) instead of a run; relative to the working directory",
                value = "null") String savedModel,
        @Param(doc = "the signature whose one input takes the images, float32 [batch, H, W, C] in [0,1] at the bin "
                + "centres; null: log_prob (a run's export) when present, else serving_default", value = "null")
        String signature,
        @Param(doc = "the features: an output of the signature, or the name of an operation of the graph (a JEM or "
                + "classifier run of this framework: jem/eval/features, its penultimate layer)") String output,
        @Param(doc = "dimensions of one feature vector (checked when they are computed)", min = 1) int dims) {}
