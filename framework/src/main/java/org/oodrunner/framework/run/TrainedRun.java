package org.oodrunner.framework.run;

import org.oodrunner.framework.tf.Checkpoints;

/**
 * A run whose trained weights are evaluated again ({@code runner evaluate}): its directory and
 * the checkpoint chosen from it. The evaluation itself writes elsewhere.
 */
public record TrainedRun(RunFiles files, Checkpoints.Checkpoint checkpoint) {}
