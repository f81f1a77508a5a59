package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.EarlyStoppingSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.TrainSpec;

/** The training loop on real graphs: resume, data-dependent init, divergence, early stopping, determinism. */
class TrainerTest {
    static final ImageShape SHAPE = new ImageShape(4, 4, 1);
    static final long SEED = 7;
    static final ImageSet TRAIN = TestGraph.images("train", 64, SHAPE, 1);
    static final ImageSet VALIDATION = TestGraph.images("validation", 24, SHAPE, 2);

    static OptimizerSpec adam(double lr) {
        return new OptimizerSpec(OptimizerSpec.Type.ADAM, lr, 0.9, 0.999, 1e-8, 3, null,
                OptimizerSpec.Schedule.COSINE, null, 0.1, 1e-4, 0.01);
    }

    static TrainSpec spec(int steps, OptimizerSpec opt, Integer evalEvery, int checkpointEvery, EarlyStoppingSpec early,
            DivergenceSpec onDivergence) {
        return new TrainSpec(steps, 1, 8, opt, 1, evalEvery, checkpointEvery, early, onDivergence);
    }

    /** Everything a training call logged, in order, as "kind step key=value". */
    static final class Log implements TrainingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onLog(long step, long totalSteps, Map<String, Double> metrics) {
            metrics.forEach((k, v) -> lines.add("train " + step + " " + k + "=" + v));
        }

        @Override
        public void onValidation(long step, Map<String, Double> metrics) {
            metrics.forEach((k, v) -> lines.add("validation " + step + " " + k + "=" + v));
        }
    }

    static TrainingOutcome train(TrainSpec spec, Path checkpointDir, BooleanSupplier stop, Log log) {
        try (TestGraph g = TestGraph.build(new TinyDensity(), SHAPE, SEED)) {
            Trainer trainer = new Trainer(g.runtime(), g.context(), g.model(), spec);
            Checkpoints checkpoints = checkpointDir == null ? null : new Checkpoints(checkpointDir, () -> 0);
            return trainer.train(new TrainingData(TRAIN, VALIDATION, TestGraph.PREPROCESSING, SEED, 10), checkpoints,
                    stop, log);
        }
    }

    /** Stops after {@code n} steps: the trainer polls once per completed step. */
    static BooleanSupplier stopAfter(long n) {
        AtomicLong polls = new AtomicLong();
        return () -> polls.incrementAndGet() >= n;
    }

    @Test
    void anInterruptedAndResumedRunLogsWhatAnUninterruptedOneLogs(@TempDir Path tmp) {
        TrainSpec spec = spec(30, adam(0.05), 4, 10, null, DivergenceSpec.STOP);
        Log whole = new Log();
        TrainingOutcome uninterrupted = train(spec, tmp.resolve("a"), () -> false, whole);

        Log parts = new Log();
        TrainingOutcome first = train(spec, tmp.resolve("b"), stopAfter(13), parts);
        assertEquals(TrainingOutcome.Status.INTERRUPTED, first.status());
        assertEquals(13, first.state().step());
        TrainingOutcome resumed = train(spec, tmp.resolve("b"), () -> false, parts);
        assertEquals(TrainingOutcome.Status.FINISHED, resumed.status());
        assertEquals(13, resumed.resumedFrom());

        assertEquals(30, resumed.state().step());
        assertEquals(whole.lines, parts.lines);
        assertEquals(uninterrupted.state().lastMetrics().get("loss"), resumed.state().lastMetrics().get("loss"), 1e-6);
        assertEquals(uninterrupted.state().bestValidation(), resumed.state().bestValidation(), 1e-9);
    }

    @Test
    void theSameSpecTrainsToTheSameNumbers(@TempDir Path tmp) {
        TrainSpec spec = spec(20, adam(0.05), 5, 0, null, DivergenceSpec.STOP);
        Log a = new Log();
        Log b = new Log();
        train(spec, tmp.resolve("a"), () -> false, a);
        train(spec, null, () -> false, b);
        assertEquals(a.lines, b.lines);
        assertTrue(a.lines.size() > 40, "logged every step and every validation");
    }

    @Test
    void dataDependentInitialisationRunsOnceOnTheFirstBatchAndNotOnResume(@TempDir Path tmp) {
        TrainSpec spec = spec(12, adam(0.05), null, 0, null, DivergenceSpec.STOP);
        Path dir = tmp.resolve("ckpt");
        train(spec, dir, stopAfter(5), new Log());
        train(spec, dir, () -> false, new Log());

        float[] firstBatchMean = new float[SHAPE.dims()];
        BatchPlan plan = BatchPlan.training(TRAIN.size(), 8, SEED);
        try (BatchStream s = new BatchStream(TRAIN, plan, TestGraph.PREPROCESSING, 0, 1, 1)) {
            Batch first = s.next();
            for (int i = 0; i < first.size(); i++) {
                for (int j = 0; j < firstBatchMean.length; j++) {
                    firstBatchMean[j] += first.images()[i * firstBatchMean.length + j] / first.size();
                }
            }
        }
        try (TestGraph g = TestGraph.build(new TinyDensity(), SHAPE, SEED)) {
            new Trainer(g.runtime(), g.context(), g.model(), spec); // the optimiser's variables, as saved
            Checkpoints checkpoints = new Checkpoints(dir, () -> 0);
            checkpoints.restore(g.runtime().session(), checkpoints.latest().orElseThrow());
            assertArrayEquals(new float[] {1f}, g.read(TinyDensity.INIT_RUNS), "initialised once over two attempts");
            assertArrayEquals(firstBatchMean, g.read(TinyDensity.INITIAL_LOC), 1e-5f, "from the first batch");
        }
    }

    @Test
    void aDivergingRunStopsNamingTheStepAndKeepsARestorableCheckpoint(@TempDir Path tmp) {
        TrainSpec spec = spec(50, absurd(), null, 1, null, DivergenceSpec.STOP);
        Path dir = tmp.resolve("ckpt");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(spec, dir, () -> false, new Log()));
        assertTrue(e.getMessage().startsWith("training diverged at step " + e.step() + " of 50: "), e.getMessage());
        assertTrue(e.getMessage().contains("train.on_divergence.action: restart"), e.getMessage());
        assertNotNull(e.lastGood());
        assertTrue(e.lastGood().state().step() < e.step());

        try (TestGraph g = TestGraph.build(new TinyDensity(), SHAPE, SEED)) {
            new Trainer(g.runtime(), g.context(), g.model(), spec);
            Checkpoints checkpoints = new Checkpoints(dir, () -> 0);
            Checkpoints.Checkpoint last = checkpoints.latest().orElseThrow();
            assertEquals(e.lastGood().dir(), last.dir());
            checkpoints.restore(g.runtime().session(), last);
            for (float v : g.read("tiny/loc")) assertTrue(Float.isFinite(v));
            for (float v : g.read("tiny/log_scale")) assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void restartingAfterDivergenceLowersTheLearningRateUntilTrainingSucceeds(@TempDir Path tmp) {
        TrainSpec spec = spec(20, absurd(), null, 5, null, new DivergenceSpec(DivergenceSpec.Action.RESTART, 3, 1e-27));
        TrainingOutcome out = train(spec, tmp.resolve("ckpt"), () -> false, new Log());
        assertEquals(TrainingOutcome.Status.FINISHED, out.status());
        assertEquals(20, out.state().step());
        assertTrue(out.state().restarts() >= 1);
        assertEquals(Math.pow(1e-27, out.state().restarts()), out.state().lrScale(), 1e-40);
        assertTrue(Double.isFinite(out.state().lastMetrics().get("loss")));
    }

    @Test
    void restartsAreBounded(@TempDir Path tmp) {
        TrainSpec spec = spec(20, absurd(), null, 5, null, new DivergenceSpec(DivergenceSpec.Action.RESTART, 2, 0.9));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(spec, tmp.resolve("ckpt"), () -> false, new Log()));
        assertTrue(e.getMessage().contains("after 2 restarts"), e.getMessage());
    }

    @Test
    void earlyStoppingEndsAfterPatienceAndRestoresTheBestWeights(@TempDir Path tmp) {
        // min_delta is so large that nothing after the first evaluation counts as an improvement.
        TrainSpec spec = spec(100, adam(0.05), 3, 0, new EarlyStoppingSpec(2, 100, true), DivergenceSpec.STOP);
        Log log = new Log();
        Path dir = tmp.resolve("ckpt");
        TrainingOutcome out = train(spec, dir, () -> false, log);
        assertEquals(TrainingOutcome.Status.STOPPED_EARLY, out.status());
        assertEquals(9, out.state().step(), "first evaluation at 3, then 2 without improvement");
        assertEquals(3, out.state().bestStep());
        List<String> validations = log.lines.stream().filter(l -> l.startsWith("validation")).toList();
        assertEquals(3, validations.size());
        double best = Double.parseDouble(validations.get(0).substring(validations.get(0).indexOf('=') + 1));
        assertEquals(best, out.state().bestValidation(), 0);

        // The final checkpoint holds the weights of step 3: validating them again gives the best value.
        try (TestGraph g = TestGraph.build(new TinyDensity(), SHAPE, SEED)) {
            new Trainer(g.runtime(), g.context(), g.model(), spec);
            Checkpoints checkpoints = new Checkpoints(dir, () -> 0);
            Checkpoints.Checkpoint last = checkpoints.latest().orElseThrow();
            assertTrue(last.state().finished());
            checkpoints.restore(g.runtime().session(), last);
            double again = new Validator(g.runtime(), g.context(), g.model(),
                    new TrainingData(TRAIN, VALIDATION, TestGraph.PREPROCESSING, SEED, 10)).evaluate();
            assertEquals(best, again, 1e-9);
        }
        // A finished run asked to train again does nothing and reports the same state.
        TrainingOutcome again = train(spec, dir, () -> false, new Log());
        assertEquals(TrainingOutcome.Status.STOPPED_EARLY, again.status());
        assertEquals(9, again.state().step());
    }

    private static OptimizerSpec absurd() {
        return new OptimizerSpec(OptimizerSpec.Type.ADAM, 1e30, 0.9, 0.999, 1e-8, 0, null);
    }
}
