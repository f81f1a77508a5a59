package org.oodrunner.runner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.LearningRateSchedule;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.Trainer;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Traces a planned spec's model with TensorFlow's step stats: training steps exactly as the
 * {@link Trainer} runs them (its step target, the loss and gradient-norm fetches, the learning
 * rate fed), after untraced warm-up steps through the trainer itself (which also runs the
 * model's data-dependent initialisation), and scoring batches fetching what the score stage
 * fetches. Untraced runs of the same work are timed alongside, to show what tracing adds.
 */
final class ModelProfiler implements AutoCloseable {
    private static final RunOptions FULL_TRACE = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

    private final ExperimentPlan plan;
    private final ExperimentSpec spec;
    private final ImageSet images;
    private final Preprocessing preprocessing;
    private final BuiltModel built;
    private final Trainer trainer;
    private final int warmup;

    ModelProfiler(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing, int warmup) {
        this.plan = plan;
        this.spec = plan.resolved().spec();
        this.images = images;
        this.preprocessing = preprocessing;
        this.warmup = warmup;
        this.built = PlannedModelTiming.build(plan, images, preprocessing);
        try {
            TrainSpec budget = new TrainSpec(warmup, 1, spec.train().batchSize(), spec.train().optimizer(), warmup);
            this.trainer = new Trainer(built.runtime(), built.graph(), built.model(), budget);
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /** {@code warmup} untraced trainer steps, then {@code steps} traced and {@code steps} untraced training steps, alternating. */
    StepProfile train(int steps, int depth) {
        trainer.train(images, preprocessing, spec.seed(), (step, total, metrics) -> {});
        StepProfile profile = new StepProfile(built.runtime().graph(), depth);
        List<Double> untraced = new ArrayList<>();
        Session session = built.runtime().session();
        LearningRateSchedule schedule = new LearningRateSchedule(spec.train().optimizer(), warmup + 2L * steps);
        BatchPlan batches = BatchPlan.training(images.size(), spec.train().batchSize(), spec.seed());
        try (BatchStream stream = new BatchStream(images, batches, preprocessing, warmup, 2L * steps, 4)) {
            for (int s = 0; s < 2 * steps; s++) {
                Batch batch = stream.next();
                boolean traced = s % 2 == 0;
                try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                        TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size());
                        TFloat32 rate = TensorIO.scalar((float) schedule.rate(warmup + s))) {
                    Session.Runner runner = session.runner().feed(built.graph().feed(), x)
                            .feed(trainer.step().learningRate(), rate);
                    if (y != null) runner.feed(built.graph().labels(), y);
                    runner.addTarget(trainer.stepTarget()).fetch(built.model().loss()).fetch(trainer.step().gradNorm());
                    run(runner, traced, profile, untraced);
                }
                stream.recycle(batch);
            }
        }
        profile.untracedWallSeconds(untraced);
        return profile;
    }

    /** One untraced pass over {@code batches} scoring batches, then each traced and untraced, alternating. */
    StepProfile score(int batches, int depth) {
        int batchSize = spec.eval().batchSize();
        int n = Math.min(images.size(), batches * batchSize);
        ImageSet set = images.select(java.util.stream.IntStream.range(0, n).toArray(), "profile");
        Set<Quantity> wanted = PlannedModelTiming.scoredQuantities(plan);
        List<Output<?>> fetches = new ArrayList<>();
        for (Quantity q : wanted) {
            // Two quantities can be one tensor, and TensorFlow refuses to fetch a tensor twice.
            Output<?> o = built.model().output(q).asOutput();
            if (!fetches.contains(o)) fetches.add(o);
        }
        StepProfile profile = new StepProfile(built.runtime().graph(), depth);
        List<Double> untraced = new ArrayList<>();
        Session session = built.runtime().session();
        BatchPlan order = BatchPlan.evaluation(set.size(), batchSize, spec.seed());
        for (int pass = 0; pass < 3; pass++) {
            try (BatchStream stream = new BatchStream(set, order, preprocessing, 0, order.batchesPerEpoch(), 2)) {
                while (stream.hasNext()) {
                    Batch batch = stream.next();
                    try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                            TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size())) {
                        Session.Runner runner = session.runner().feed(built.graph().feed(), x);
                        if (y != null) runner.feed(built.graph().labels(), y);
                        fetches.forEach(runner::fetch);
                        if (pass == 0) {
                            try (Result ignored = runner.run()) {
                                // warm-up
                            }
                        } else {
                            run(runner, pass == 1, profile, untraced);
                        }
                    }
                    stream.recycle(batch);
                }
            }
        }
        profile.untracedWallSeconds(untraced);
        return profile;
    }

    private static void run(Session.Runner runner, boolean traced, StepProfile profile, List<Double> untraced) {
        long start = System.nanoTime();
        if (traced) {
            try (Result r = runner.setOptions(FULL_TRACE).runAndFetchMetadata()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                profile.add(r.getMetadata().orElseThrow(() -> new IllegalStateException("TensorFlow returned no run "
                        + "metadata")), seconds);
            }
        } else {
            try (Result ignored = runner.run()) {
                untraced.add((System.nanoTime() - start) / 1e9);
            }
        }
    }

    long parameterCount() {
        return built.graph().parameters().count();
    }

    @Override
    public void close() {
        built.close();
    }
}
