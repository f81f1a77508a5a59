package org.oodrunner.framework.run.stages;

import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.Trainer;

/** Trains the model on the training set, logging training metrics with their step. */
public final class TrainStage implements Stage {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public void run(RunContext ctx) {
        Trainer trainer = new Trainer(ctx.runtime(), ctx.graph(), ctx.modelGraph(), ctx.spec().train());
        long total = Trainer.totalSteps(ctx.spec().train(), ctx.trainSet().size());
        ctx.progress().start("train", total);
        try {
            long steps = trainer.train(ctx.trainSet(), ctx.preprocessing(), ctx.spec().seed(), (step, all, metrics) -> {
                metrics.forEach((k, v) -> ctx.tracker().logMetric("train/" + k, v, step));
                ctx.finalTrainingMetrics().putAll(metrics);
                ctx.progress().update(step, metrics);
            });
            ctx.setTrainedSteps(steps);
        } finally {
            ctx.progress().finish();
        }
    }
}
