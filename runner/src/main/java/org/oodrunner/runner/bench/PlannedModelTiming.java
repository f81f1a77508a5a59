package org.oodrunner.runner.bench;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ChannelStatistics;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.DerivedQuantities;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.InputTransforms;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainingListener;

/**
 * The model of a planned spec, timed the way a run trains and scores it: the graph from
 * {@link BuiltModel} (the spec's input transform, the derived quantities its scorers ask for),
 * training through the {@link Trainer} (background batch assembly, the optimiser step joined by
 * the model's step updates, such as JEM's replay buffer), scoring through the {@link Evaluator}
 * with the quantities the score stage fetches. Each call builds a fresh graph.
 */
final class PlannedModelTiming {
    private PlannedModelTiming() {}

    /** Images per wall-clock second and per second of the process's CPU time (all threads). */
    record Rate(double perSecond, double perCpuSecond) {
        static Rate of(long images, Timed t) {
            return new Rate(images / t.wallSeconds(), t.cpuSeconds() > 0 ? images / t.cpuSeconds() : Double.NaN);
        }

        static Rate median(List<Rate> rates) {
            return new Rate(Medians.of(rates.stream().mapToDouble(Rate::perSecond).toArray()),
                    Medians.of(rates.stream().mapToDouble(Rate::perCpuSecond).toArray()));
        }
    }

    /** The model's graph as the model stage builds it; close it. */
    static BuiltModel build(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing) {
        ExperimentSpec spec = plan.resolved().spec();
        return BuiltModel.build(plan.model(), spec.runtime(),
                InputTransforms.of(spec.data().preprocess(), () -> ChannelStatistics.of(images, preprocessing)),
                images.shape(), images.numClasses(), preprocessing.levels(), spec.seed(),
                DerivedQuantities.derivedAmong(plan.requiredQuantities(), plan.model().provides()));
    }

    /** What the score stage fetches: every quantity the scorers need, and the log-likelihood when there is one. */
    static Set<Quantity> scoredQuantities(ExperimentPlan plan) {
        Set<Quantity> q = new LinkedHashSet<>(plan.requiredQuantities());
        if (plan.model().provides().contains(Quantity.LOG_LIKELIHOOD)) q.add(Quantity.LOG_LIKELIHOOD);
        return q;
    }

    /** Training images/s over {@code steps} steps of the spec's batch and optimiser, after {@code warmup} (at least 1). */
    static Rate train(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing, int warmup, int steps) {
        ExperimentSpec spec = plan.resolved().spec();
        // Logging every `warmup` steps marks the end of the warm-up and the last step (the trainer
        // always logs its last step); the few scalar fetches of a logging step cost next to nothing.
        TrainSpec budget = new TrainSpec(warmup + steps, 1, spec.train().batchSize(), spec.train().optimizer(), warmup);
        try (BuiltModel b = build(plan, images, preprocessing)) {
            long[] wall = new long[2];
            long[] cpu = new long[2];
            TrainingListener marks = (step, total, metrics) -> {
                int at = step == warmup ? 0 : step == total ? 1 : -1;
                if (at >= 0) {
                    wall[at] = System.nanoTime();
                    cpu[at] = Timed.processCpuNanos();
                }
            };
            new Trainer(b.runtime(), b.graph(), b.model(), budget).train(images, preprocessing, spec.seed(), marks);
            return Rate.of((long) steps * spec.train().batchSize(),
                    new Timed((wall[1] - wall[0]) / 1e9, (cpu[1] - cpu[0]) / 1e9));
        }
    }

    /** Scoring images/s over the first {@code n} images at the spec's evaluation batch, after one untimed pass. */
    static Rate score(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing, int n) {
        ExperimentSpec spec = plan.resolved().spec();
        ImageSet set = images.select(IntStream.range(0, n).toArray(), "score");
        Set<Quantity> wanted = scoredQuantities(plan);
        try (BuiltModel b = build(plan, images, preprocessing)) {
            Evaluator evaluator = new Evaluator(b.runtime(), b.graph(), b.model());
            Runnable pass = () -> evaluator.evaluate(set, wanted, preprocessing, spec.eval().batchSize(), spec.seed(), null);
            pass.run();
            return Rate.of(n, Timed.of(pass));
        }
    }
}
