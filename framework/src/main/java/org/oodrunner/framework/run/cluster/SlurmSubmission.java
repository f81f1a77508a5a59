package org.oodrunner.framework.run.cluster;

import java.nio.file.Path;
import java.util.List;

/** A grid handed to Slurm: the array job's id, which points it runs, and its batch script. */
public record SlurmSubmission(String jobId, List<Integer> points, Path script) {}
