package org.oodrunner.framework.run.stages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.TrainingEvaluation;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainerState;
import org.oodrunner.framework.tf.TrainingData;
import org.oodrunner.framework.tf.TrainingListener;
import org.oodrunner.framework.tf.TrainingOutcome;

/**
 * Trains the model, resuming from the run's latest checkpoint when an earlier attempt left one;
 * logs training metrics ({@code train/...}), validation metrics ({@code validation/...}) and, with
 * {@code eval.every}, the test and OOD sets' scores ({@code eval/...}, {@link TrainingEvaluation})
 * with their step, and records how training ended in {@code run.json}.
 */
public final class TrainStage implements Stage {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public void run(RunContext ctx) {
        Trainer trainer = new Trainer(ctx.runtime(), ctx.graph(), ctx.modelGraph(), ctx.spec().train());
        Checkpoints checkpoints = new Checkpoints(ctx.files().checkpoints(), ctx.files()::metricsLength,
                ctx.spec().train().keepCheckpoints());
        long total = Trainer.totalSteps(ctx.spec().train(), ctx.trainSet().size());
        long from = checkpoints.latest().map(c -> c.state().step()).orElse(0L);
        TrainingData data = new TrainingData(ctx.trainSet(), ctx.validationSet().orElse(null), ctx.preprocessing(),
                ctx.spec().seed(), ctx.spec().eval().batchSize());
        announce(ctx, from, total);
        TrainingEvaluation during = TrainingEvaluation.of(ctx).orElse(null);
        ctx.progress().start(from == 0 ? "train" : "train (resumed at step " + from + ")", total - from);
        TrainingOutcome outcome;
        try {
            outcome = trainer.train(data, checkpoints, ctx.stopSignal()::requested, new TrainingListener() {
                @Override
                public void onLog(long step, long totalSteps, Map<String, Double> metrics) {
                    metrics.forEach((k, v) -> ctx.tracker().logMetric("train/" + k, v, step));
                    ctx.progress().update(step - from, metrics);
                }

                @Override
                public void onValidation(long step, Map<String, Double> metrics) {
                    metrics.forEach((k, v) -> ctx.tracker().logMetric("validation/" + k, v, step));
                }

                @Override
                public long evaluationEvery() {
                    return during == null ? 0 : during.every();
                }

                @Override
                public void onEvaluation(long step) {
                    during.evaluate(step);
                }
            });
        } finally {
            ctx.progress().finish();
        }
        TrainerState state = outcome.state();
        ctx.setTrainedSteps(state.step());
        ctx.finalTrainingMetrics().putAll(state.lastMetrics());
        record(ctx, outcome, checkpoints);
        if (outcome.status() == TrainingOutcome.Status.INTERRUPTED) {
            throw new RunInterruptedException("interrupted at step " + state.step() + " of " + total
                    + " (" + ctx.stopSignal().reason() + "); checkpoint saved; continue with: runner run --resume "
                    + ctx.dir());
        }
    }

    /** Training has begun: run.json says how far it is to go, for `runner status` while it runs. */
    private static void announce(RunContext ctx, long from, long total) {
        ObjectNode run = ctx.files().readRun();
        ObjectNode t = run.putObject("training");
        t.put("status", "running");
        t.put("steps", from);
        t.put("total_steps", total);
        ctx.files().writeJson(ctx.files().runJson(), run);
    }

    /** The {@code training} section of run.json: how far training got and how it ended. */
    private static void record(RunContext ctx, TrainingOutcome outcome, Checkpoints checkpoints) {
        TrainerState s = outcome.state();
        ObjectNode run = ctx.files().readRun();
        ObjectNode t = run.putObject("training");
        t.put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT));
        t.put("steps", s.step());
        t.put("total_steps", s.totalSteps());
        if (outcome.resumedFrom() >= 0) t.put("resumed_from_step", outcome.resumedFrom());
        if (s.bestValidation() != null) {
            t.put("best_validation", s.bestValidation());
            t.put("best_step", s.bestStep());
        }
        t.put("restarts", s.restarts());
        t.put("lr_scale", s.lrScale());
        t.put("device", ctx.runtime().placement().name().toLowerCase(java.util.Locale.ROOT));
        checkpoints.latest().ifPresent(c -> t.put("checkpoint", ctx.dir().relativize(c.dir()).toString()));
        ctx.files().writeJson(ctx.files().runJson(), run);
    }
}
