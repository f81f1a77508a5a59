package org.oodrunner.framework.run.grid;

/**
 * One point of a grid as {@code runner status} shows it.
 *
 * @param state pending, running, finished, failed, killed or requeued
 * @param progress for a running point, {@code step/total} and the estimated time left; else empty
 * @param error a failed point's one-line error, else empty
 * @param slurmTask the Slurm array task ({@code JOB_TASK}) that runs or ran it, else empty
 * @param slurmState Slurm's own state of that task while it is in the queue, else empty
 */
public record PointState(int index, String run, String state, String progress, int requeues, String error,
        String slurmTask, String slurmState) {}
