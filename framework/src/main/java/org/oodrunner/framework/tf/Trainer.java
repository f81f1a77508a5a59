package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.EarlyStoppingSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.store.FaultPoint;
import org.oodrunner.framework.tf.Checkpoints.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.Op;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains a model graph: batches from a seeded plan, the learning-rate schedule fed each step,
 * metrics logged every few steps, validation every {@code eval_every} steps with optional early
 * stopping, checkpoints every {@code checkpoint_every} steps, and a guard that stops (or
 * restarts from the last checkpoint with a lower learning rate) when values stop being finite
 * or leave the bounds the model sets. A model's step updates (training state kept in graph
 * variables, such as JEM's replay buffer) run with every step and are checkpointed with it.
 *
 * <p>A run resumes from its latest checkpoint: variables (weights, optimiser slots, beta powers)
 * come from the checkpoint, the step counter and early-stopping state from its
 * {@link TrainerState}, and the data order from the step, so the resumed run takes the steps an
 * uninterrupted one would have taken. Data-dependent initialisation runs only on a fresh start.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;
    private final TrainSpec spec;
    private final TrainStep step;
    /** What each step runs: the optimiser's update, joined by the model's step updates when it has any. */
    private final Op stepTarget;

    public Trainer(TfRuntime runtime, GraphContext graph, ModelGraph model, TrainSpec spec) {
        this.runtime = runtime;
        this.graph = graph;
        this.model = model;
        this.spec = spec;
        this.step = TrainStep.build(graph.tf(), model.loss(), new ArrayList<>(model.trainingMetrics().values()),
                graph.parameters().all(), spec.optimizer());
        this.stepTarget = model.stepUpdates().isEmpty() ? step.update()
                : graph.tf().withControlDependencies(withUpdate(step.update(), model.stepUpdates()))
                        .withName("train_step_and_model_updates").noOp();
    }

    private static List<Op> withUpdate(Op update, List<Op> more) {
        List<Op> all = new ArrayList<>(more);
        all.add(0, update);
        return all;
    }

    /** The optimisation step's graph (its learning-rate feed, gradient norm), for tools that run a step themselves. */
    public TrainStep step() {
        return step;
    }

    /** What one training step runs: the optimiser's update joined by the model's step updates. */
    public Op stepTarget() {
        return stepTarget;
    }

    /** Full batches in one pass over a training set of {@code n} examples. */
    public static long stepsPerEpoch(TrainSpec spec, int n) {
        return Math.max(1, n / Math.min(spec.batchSize(), n));
    }

    /** Number of steps the spec's budget gives for a training set of {@code n} examples. */
    public static long totalSteps(TrainSpec spec, int n) {
        if (spec.steps() != null) return spec.steps();
        return Math.max(1, Math.round(spec.epochs() * stepsPerEpoch(spec, n)));
    }

    /** Trains without validation or checkpoints (benchmarks, simple uses); returns the steps taken. */
    public long train(ImageSet data, Preprocessing preprocessing, long seed, TrainingListener listener) {
        return train(new TrainingData(data, null, preprocessing, seed, 256), null, () -> false, listener).state().step();
    }

    /**
     * Trains the spec's budget, resuming from the latest checkpoint if there is one.
     *
     * @param checkpoints where checkpoints are kept; null: none (and no resuming, no restarts)
     * @param stopRequested polled after every step; when true, training saves a checkpoint and
     *     returns {@link TrainingOutcome.Status#INTERRUPTED}
     * @throws TrainingDivergedException when values stop being finite and no restart is left
     */
    public TrainingOutcome train(TrainingData data, Checkpoints checkpoints, BooleanSupplier stopRequested,
            TrainingListener listener) {
        return new Run(data, checkpoints, stopRequested, listener).execute();
    }

    /** A non-finite value at a step: caught by {@link Run#execute}, which stops or restarts. */
    private static final class NonFinite extends Exception {
        private static final long serialVersionUID = 1L;
        final long step;
        final String reason;
        /** The last step whose training loss and gradient were finite. */
        final long finiteThrough;

        NonFinite(long step, String reason, long finiteThrough) {
            super(reason, null, false, false);
            this.step = step;
            this.reason = reason;
            this.finiteThrough = finiteThrough;
        }
    }

    /** One call to {@link #train}: the state of the loop. */
    private final class Run {
        private final TrainingData data;
        private final Checkpoints checkpoints;
        private final BooleanSupplier stopRequested;
        private final TrainingListener listener;
        private final Session session;
        private final long total;
        private final BatchPlan plan;
        private final LearningRateSchedule schedule;
        private final Validator validator;
        private final long evalEvery;
        private final EarlyStoppingSpec early;
        private final Fetches always = new Fetches();
        private final Fetches logged = new Fetches();
        private final Map<String, Integer> metricAt = new LinkedHashMap<>();
        private final int lossAt;
        private final int normAt;
        private final int[] boundAt;
        private long savedAt = -1;
        /** {@link TrainingListener#evaluationEvery()}; the step of the latest such evaluation in this call. */
        private final long probeEvery;
        private long probedAt = -1;

        Run(TrainingData data, Checkpoints checkpoints, BooleanSupplier stopRequested, TrainingListener listener) {
            this.data = data;
            this.checkpoints = checkpoints;
            this.stopRequested = stopRequested;
            this.listener = listener;
            this.session = runtime.session();
            this.total = totalSteps(spec, data.train().size());
            this.plan = BatchPlan.training(data.train().size(), spec.batchSize(), data.seed());
            this.schedule = new LearningRateSchedule(spec.optimizer(), total);
            this.validator = data.validation() == null ? null : new Validator(runtime, graph, model, data);
            this.evalEvery = spec.evalEvery() != null ? spec.evalEvery() : stepsPerEpoch(spec, data.train().size());
            this.early = spec.earlyStopping();
            // Every step fetches the loss and gradient norm; logging steps also fetch the model's metrics.
            lossAt = always.add(model.loss());
            normAt = always.add(step.gradNorm());
            logged.add(model.loss());
            logged.add(step.gradNorm());
            // The model's bounds, checked every step; added to both lists in one order, so at the same positions.
            boundAt = new int[model.bounds().size()];
            for (int i = 0; i < boundAt.length; i++) {
                boundAt[i] = always.add(model.bounds().get(i).value());
                logged.add(model.bounds().get(i).value());
            }
            model.trainingMetrics().forEach((name, op) -> metricAt.put(name, logged.add(op)));
            this.probeEvery = listener.evaluationEvery();
        }

        TrainingOutcome execute() {
            Optional<Checkpoint> resume = checkpoints == null ? Optional.empty() : checkpoints.resumable();
            TrainerState state;
            boolean fresh = resume.isEmpty();
            if (fresh) {
                state = TrainerState.start(total);
            } else {
                state = resume.get().state();
                if (state.totalSteps() != total) {
                    throw new RunFailedException("the checkpoint " + resume.get().dir() + " is of a " + state.totalSteps()
                            + "-step run but this run has " + total + " steps (did the training data change?); delete "
                            + checkpoints.root() + " to train from scratch");
                }
                checkpoints.restore(session, resume.get());
                savedAt = state.step();
                if (state.finished()) {
                    LOG.info("training already finished at step {} (checkpoint {})", state.step(), resume.get().dir());
                    return new TrainingOutcome(state, state.stoppedEarly() ? TrainingOutcome.Status.STOPPED_EARLY
                            : TrainingOutcome.Status.FINISHED, state.step());
                }
                LOG.info("resuming training at step {} of {} from {}", state.step(), total, resume.get().dir());
            }
            long resumedFrom = fresh ? -1 : state.step();
            while (true) {
                try {
                    return loop(state, fresh, resumedFrom);
                } catch (NonFinite e) {
                    state = recover(e);
                    fresh = false;
                }
            }
        }

        /** Steps from {@code state.step()} to the end, an early stop or an interruption. */
        private TrainingOutcome loop(TrainerState state, boolean fresh, long resumedFrom) throws NonFinite {
            if (total == 0) {
                return finish(state.ended(false), TrainingOutcome.Status.FINISHED, resumedFrom);
            }
            Map<String, Double> lastMetrics = state.lastMetrics();
            try (BatchStream batches = new BatchStream(data.train(), plan, data.preprocessing(), state.step(),
                    total - state.step(), 4)) {
                for (long s = state.step(); s < total; s++) {
                    Batch batch = batches.next();
                    if (fresh && s == 0) {
                        if (!model.initOps().isEmpty()) initialise(batch);
                        // The starting point of the curves, before the checkpoint of step 0 so it counts the rows.
                        if (probeEvery > 0) {
                            listener.onEvaluation(0);
                            probedAt = 0;
                        }
                        save(state, false, 0);
                    }
                    long done = s + 1;
                    boolean log = done % spec.logEvery() == 0 || done == total;
                    Map<String, Double> metrics = step(batch, s, state.lrScale(), log);
                    FaultPoint.reach("train.step", done);
                    batches.recycle(batch);
                    if (metrics != null) {
                        lastMetrics = metrics;
                        listener.onLog(done, total, metrics);
                    }
                    boolean evaluate = validator != null && (done % evalEvery == 0 || done == total);
                    boolean periodic = spec.checkpointEvery() > 0 && done % spec.checkpointEvery() == 0;
                    boolean probe = probeEvery > 0 && done % probeEvery == 0 && done < total;
                    boolean stop = stopRequested.getAsBoolean();
                    if (!evaluate && !periodic && !stop && !probe) continue;

                    state = state.atStep(done, lastMetrics);
                    if (probe) {
                        listener.onEvaluation(done);
                        probedAt = done;
                    }
                    if (evaluate) {
                        state = validate(state);
                        if (early != null && state.evaluationsSinceBest() >= early.patience()) {
                            LOG.info("early stopping at step {}: validation {} has not improved on {} (step {}) for {} "
                                    + "evaluations", done, validator.metric(), fmt(state.bestValidation()),
                                    state.bestStep(), state.evaluationsSinceBest());
                            return finish(state.ended(true), TrainingOutcome.Status.STOPPED_EARLY, resumedFrom);
                        }
                    }
                    if (done == total) break;
                    if ((periodic || stop) && savedAt != done) save(state, false, done);
                    if (stop) {
                        LOG.info("training stopped at step {} of {} on request; checkpoint saved", done, total);
                        return new TrainingOutcome(state, TrainingOutcome.Status.INTERRUPTED, resumedFrom);
                    }
                }
            }
            return finish(state.atStep(total, lastMetrics).ended(false), TrainingOutcome.Status.FINISHED, resumedFrom);
        }

        /** One optimisation step; returns the metrics on logging steps, null otherwise. */
        private Map<String, Double> step(Batch batch, long s, double lrScale, boolean log) throws NonFinite {
            double lr = schedule.rate(s) * lrScale;
            try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                    TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size());
                    TFloat32 rate = TensorIO.scalar((float) lr)) {
                Session.Runner runner = session.runner().feed(graph.feed(), x).feed(step.learningRate(), rate);
                if (y != null) runner.feed(graph.labels(), y);
                runner.addTarget(stepTarget);
                (log ? logged : always).addTo(runner);
                try (Result r = runner.run()) {
                    float loss = TensorIO.toScalar(r.get(lossAt));
                    float gradNorm = TensorIO.toScalar(r.get(normAt));
                    if (!Float.isFinite(loss)) {
                        throw new NonFinite(s + 1, "the loss is " + loss + " (gradient norm " + gradNorm + ")", s);
                    }
                    if (!Float.isFinite(gradNorm)) {
                        throw new NonFinite(s + 1, "the gradient norm is " + gradNorm + " (loss " + loss + ")", s);
                    }
                    for (int i = 0; i < boundAt.length; i++) checkBound(model.bounds().get(i), r.get(boundAt[i]), s);
                    if (!log) return null;
                    Map<String, Double> metrics = new LinkedHashMap<>();
                    metrics.put("loss", (double) loss);
                    metrics.put("grad_norm", (double) gradNorm);
                    metrics.put("learning_rate", lr);
                    metricAt.forEach((name, at) -> metrics.put(name, (double) TensorIO.toScalar(r.get(at))));
                    return metrics;
                }
            }
        }

        /** A model's bound at step {@code s + 1}: a breach is a divergence, like a non-finite loss. */
        private void checkBound(ModelGraph.Bound bound, Tensor value, long s) throws NonFinite {
            float v = TensorIO.toScalar(value);
            if (!Float.isFinite(v) || Math.abs(v) > bound.limit()) {
                throw new NonFinite(s + 1, bound.what() + " is " + v + ", beyond its limit " + fmt(bound.limit()), s);
            }
        }

        /** Runs the model's data-dependent initialisation with the first batch fed. */
        private void initialise(Batch batch) {
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

        private TrainerState validate(TrainerState state) throws NonFinite {
            Map<String, Double> values = validator.evaluateAll();
            double value = values.get(validator.metric());
            listener.onValidation(state.step(), values);
            if (!Double.isFinite(value)) {
                throw new NonFinite(state.step(), "the validation " + validator.metric() + " is " + value, state.step());
            }
            double minDelta = early == null ? 0 : early.minDelta();
            boolean improved = state.bestValidation() == null || value < state.bestValidation() - minDelta;
            TrainerState next = state.validated(value, improved);
            if (improved && keepsBest() && state.step() < total) save(next, true, state.step());
            return next;
        }

        private boolean keepsBest() {
            return early != null && early.restoreBest() && checkpoints != null;
        }

        /** The end of training: the best weights when asked for, then a final checkpoint. */
        private TrainingOutcome finish(TrainerState state, TrainingOutcome.Status status, long resumedFrom)
                throws NonFinite {
            if (keepsBest() && state.bestStep() >= 0 && state.bestStep() != state.step()) {
                Optional<Checkpoint> best = checkpoints.best().filter(b -> b.state().step() == state.bestStep());
                if (best.isPresent() && !checkpoints.intact(best.get())) {
                    LOG.warn("the best checkpoint (step {}) is damaged: {}; ending with the weights of step {}",
                            state.bestStep(), checkpoints.check(best.get().dir()).verdict(), state.step());
                } else if (best.isPresent()) {
                    checkpoints.restore(session, best.get());
                    LOG.info("restored the weights of step {} (best validation {} {})", state.bestStep(),
                            validator.metric(), fmt(state.bestValidation()));
                } else {
                    // Only a divergence restart discards a best checkpoint.
                    LOG.warn("the best checkpoint (step {}) was discarded after a divergence; ending with the weights "
                            + "of step {}", state.bestStep(), state.step());
                }
            }
            // The end's evaluation, unless this step's periodic one already ran; logged before the final checkpoint.
            if (probeEvery > 0 && probedAt != state.step()) listener.onEvaluation(state.step());
            save(state, keepsBest() && state.bestStep() == state.step(), state.step());
            return new TrainingOutcome(state, status, resumedFrom);
        }

        private void save(TrainerState state, boolean best, long atStep) throws NonFinite {
            if (checkpoints == null) return;
            try (Result r = session.runner().fetch(step.weightsFinite()).run()) {
                if (!((TBool) r.get(0)).getBoolean()) {
                    throw new NonFinite(atStep, atStep == 0 ? "the weights are not finite after initialisation"
                            : "the weights are no longer finite", atStep);
                }
            }
            checkpoints.save(session, state, best);
            savedAt = atStep;
        }

        /**
         * The latest checkpoint known to be good: one from which at least one step ran with a
         * finite loss and gradient. When the very step after the latest checkpoint failed, that
         * checkpoint's weights are the problem, so it is dropped for the one before it.
         */
        private Optional<Checkpoint> lastGood(NonFinite e) {
            if (checkpoints == null) return Optional.empty();
            Optional<Checkpoint> latest = checkpoints.latest();
            if (latest.isEmpty() || latest.get().state().step() < e.finiteThrough) return latest;
            LOG.warn("the checkpoint of step {} gave a non-finite value at the next step; falling back to the one "
                    + "before it", latest.get().state().step());
            return checkpoints.discardLatest();
        }

        /** After a non-finite value: restart from the last good checkpoint with a lower rate, or give up. */
        private TrainerState recover(NonFinite e) {
            Optional<Checkpoint> last = lastGood(e);
            DivergenceSpec div = spec.onDivergence();
            boolean restart = div.action() == DivergenceSpec.Action.RESTART && last.isPresent()
                    && last.get().state().restarts() < div.maxRestarts();
            if (restart) {
                Checkpoint from = last.get();
                checkpoints.restore(session, from);
                TrainerState next = from.state().restarted(div.lrFactor());
                checkpoints.updateLatest(next);
                LOG.warn("training diverged at step {}: {}; restart {} of {} from step {} with the learning rate "
                        + "scaled by {}", e.step, e.reason, next.restarts(), div.maxRestarts(), next.step(),
                        fmt(next.lrScale()));
                return next;
            }
            StringBuilder msg = new StringBuilder("training diverged at step ").append(e.step).append(" of ")
                    .append(total).append(": ").append(e.reason).append(". ");
            if (last.isPresent()) {
                msg.append("The last good checkpoint is step ").append(last.get().state().step()).append(" (")
                        .append(last.get().dir()).append("). ");
            } else if (checkpoints != null) {
                msg.append("No checkpoint is good: training diverges from the initial weights. ");
            }
            if (div.action() == DivergenceSpec.Action.RESTART && last.isPresent()) {
                msg.append("It diverged again after ").append(div.maxRestarts()).append(" restarts with lower learning "
                        + "rates; ");
            }
            msg.append("Lower train.optimizer.lr, set train.optimizer.clip_grad_norm");
            if (div.action() == DivergenceSpec.Action.STOP) msg.append(", or set train.on_divergence.action: restart");
            throw new TrainingDivergedException(msg.toString(), e.step, e.reason, last.orElse(null));
        }
    }

    private static String fmt(Double v) {
        return v == null ? "none" : String.format(Locale.ROOT, "%.6g", v);
    }
}
