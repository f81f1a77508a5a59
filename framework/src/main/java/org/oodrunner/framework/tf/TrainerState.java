package org.oodrunner.framework.tf;

import java.util.Map;

/**
 * Where training stands, saved beside every checkpoint's variables so that a resumed run
 * carries on exactly: the optimiser's slots and beta powers are graph variables and travel in
 * the checkpoint itself; the data order is a function of the step.
 *
 * @param step training steps completed
 * @param totalSteps the run's budget
 * @param lrScale multiplies the scheduled learning rate (below 1 after divergence restarts)
 * @param restarts divergence restarts so far
 * @param bestValidation the lowest validation value so far (bits/dim, or loss), or null
 * @param bestStep the step of {@code bestValidation}, or -1
 * @param evaluationsSinceBest validations in a row that did not improve on the best
 * @param finished true once the budget is spent or early stopping ended training
 * @param stoppedEarly true when early stopping ended training
 * @param lastMetrics the training metrics of the last logging step (the run's final metrics)
 */
public record TrainerState(
        long step,
        long totalSteps,
        double lrScale,
        int restarts,
        Double bestValidation,
        long bestStep,
        int evaluationsSinceBest,
        boolean finished,
        boolean stoppedEarly,
        Map<String, Double> lastMetrics) {

    public TrainerState {
        lastMetrics = lastMetrics == null ? Map.of() : Map.copyOf(lastMetrics);
    }

    /** Before the first step. */
    public static TrainerState start(long totalSteps) {
        return new TrainerState(0, totalSteps, 1.0, 0, null, -1, 0, false, false, Map.of());
    }

    public TrainerState atStep(long completed, Map<String, Double> metrics) {
        return new TrainerState(completed, totalSteps, lrScale, restarts, bestValidation, bestStep,
                evaluationsSinceBest, finished, stoppedEarly, metrics == null ? lastMetrics : metrics);
    }

    /** After a validation at the current step; {@code improved} decides whether it becomes the best. */
    public TrainerState validated(double value, boolean improved) {
        return improved
                ? new TrainerState(step, totalSteps, lrScale, restarts, value, step, 0, finished, stoppedEarly, lastMetrics)
                : new TrainerState(step, totalSteps, lrScale, restarts, bestValidation, bestStep,
                        evaluationsSinceBest + 1, finished, stoppedEarly, lastMetrics);
    }

    public TrainerState restarted(double factor) {
        return new TrainerState(step, totalSteps, lrScale * factor, restarts + 1, bestValidation, bestStep,
                evaluationsSinceBest, finished, stoppedEarly, lastMetrics);
    }

    public TrainerState ended(boolean early) {
        return new TrainerState(step, totalSteps, lrScale, restarts, bestValidation, bestStep, evaluationsSinceBest,
                true, early, lastMetrics);
    }
}
