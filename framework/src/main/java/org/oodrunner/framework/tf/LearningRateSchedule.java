package org.oodrunner.framework.tf;

import org.oodrunner.framework.spec.model.OptimizerSpec;

/**
 * The learning rate of every step, a pure function of the step index: linear warm-up from 0 to
 * the peak over {@code warmup_steps}, then constant, step decay or cosine decay to
 * {@code min_lr} at the last step. Fed to the graph each step, so the schedule lives in Java.
 */
public final class LearningRateSchedule {
    private final OptimizerSpec opt;
    private final long totalSteps;

    /** @param totalSteps the run's budget (the cosine schedule ends at its last step) */
    public LearningRateSchedule(OptimizerSpec opt, long totalSteps) {
        if (opt.schedule() == OptimizerSpec.Schedule.STEP && opt.decayEvery() == null) {
            throw new IllegalArgumentException("the step schedule needs decay_every");
        }
        this.opt = opt;
        this.totalSteps = totalSteps;
    }

    /** The rate of the step with 0-based index {@code step}. */
    public double rate(long step) {
        int warmup = opt.warmupSteps();
        if (warmup > 0 && step < warmup) return opt.lr() * (step + 1) / warmup;
        long t = step - warmup;
        return switch (opt.schedule()) {
            case CONSTANT -> opt.lr();
            case STEP -> opt.lr() * Math.pow(opt.decayFactor(), Math.floorDiv(t, (long) opt.decayEvery()));
            case COSINE -> {
                // Reaches min_lr exactly at the last step: t runs 0 .. span.
                long span = Math.max(1, totalSteps - warmup - 1);
                double progress = Math.min(1.0, (double) t / span);
                yield opt.minLr() + 0.5 * (opt.lr() - opt.minLr()) * (1 + Math.cos(Math.PI * progress));
            }
        };
    }
}
