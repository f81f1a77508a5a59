package org.oodrunner.framework.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains a model graph on a dataset: batches from a seeded plan, a warm-up schedule fed as the
 * learning rate, scalar metrics logged every few steps, and a stop with the step named when the
 * loss or the gradient stops being finite.
 */
public final class Trainer {
    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;
    private final TrainSpec spec;
    private final TrainStep step;

    public Trainer(TfRuntime runtime, GraphContext graph, ModelGraph model, TrainSpec spec) {
        this.runtime = runtime;
        this.graph = graph;
        this.model = model;
        this.spec = spec;
        this.step = TrainStep.build(graph.tf(), model.loss(), graph.parameters().all(), spec.optimizer());
    }

    /** Number of steps the spec's budget gives for a training set of {@code n} examples. */
    public static long totalSteps(TrainSpec spec, int n) {
        if (spec.steps() != null) return spec.steps();
        long perEpoch = Math.max(1, n / Math.min(spec.batchSize(), n));
        return Math.max(1, Math.round(spec.epochs() * perEpoch));
    }

    /** The learning rate at a step: linear warm-up to the peak, then constant. */
    public static double learningRate(OptimizerSpec opt, long step) {
        if (opt.warmupSteps() > 0 && step < opt.warmupSteps()) {
            return opt.lr() * (step + 1) / opt.warmupSteps();
        }
        return opt.lr();
    }

    /** Runs the model's data-dependent initialisation with the first batch fed. */
    private void initialise(Session session, Batch batch) {
        try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size())) {
            Session.Runner runner = session.runner().feed(graph.feed(), x);
            if (y != null) runner.feed(graph.labels(), y);
            model.initOps().forEach(runner::addTarget);
            try (Result ignored = runner.run()) {
                // targets only: the assignments are the result
            }
        }
    }

    public long train(ImageSet data, Preprocessing preprocessing, long seed, TrainingListener listener) {
        long total = totalSteps(spec, data.size());
        if (total == 0) return 0;
        BatchPlan plan = BatchPlan.training(data.size(), spec.batchSize(), seed);
        Session session = runtime.session();
        // Every step fetches the loss and gradient norm; logging steps also fetch the model's metrics.
        Fetches always = new Fetches();
        int lossAt = always.add(model.loss());
        int normAt = always.add(step.gradNorm());
        Fetches logged = new Fetches();
        logged.add(model.loss());
        logged.add(step.gradNorm());
        Map<String, Integer> metricAt = new LinkedHashMap<>();
        model.trainingMetrics().forEach((name, op) -> metricAt.put(name, logged.add(op)));
        try (BatchStream batches = new BatchStream(data, plan, preprocessing, 0, total, 4)) {
            for (long s = 0; s < total; s++) {
                Batch batch = batches.next();
                if (s == 0 && !model.initOps().isEmpty()) initialise(session, batch);
                boolean log = (s + 1) % spec.logEvery() == 0 || s == total - 1;
                try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                        TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size());
                        TFloat32 lr = TensorIO.scalar((float) learningRate(spec.optimizer(), s))) {
                    Session.Runner runner = session.runner().feed(graph.feed(), x).feed(step.learningRate(), lr);
                    if (y != null) runner.feed(graph.labels(), y);
                    runner.addTarget(step.update());
                    (log ? logged : always).addTo(runner);
                    try (Result r = runner.run()) {
                        double loss = TensorIO.toScalar(r.get(lossAt));
                        double gradNorm = TensorIO.toScalar(r.get(normAt));
                        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                            throw new RunFailedException("training diverged at step " + (s + 1) + ": "
                                    + (!Double.isFinite(loss) ? "loss" : "gradient norm") + " is "
                                    + (Double.isFinite(loss) ? gradNorm : loss)
                                    + "; lower train.optimizer.lr or set train.optimizer.clip_grad_norm");
                        }
                        if (log) {
                            Map<String, Double> metrics = new LinkedHashMap<>();
                            metrics.put("loss", loss);
                            metrics.put("grad_norm", gradNorm);
                            metrics.put("learning_rate", learningRate(spec.optimizer(), s));
                            metricAt.forEach((name, at) -> metrics.put(name, (double) TensorIO.toScalar(r.get(at))));
                            listener.onLog(s + 1, total, metrics);
                        }
                    }
                }
            }
        }
        return total;
    }
}
