package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.TrainSpec;

/**
 * The trainer's extension points for models with training state of their own: step updates
 * run with every training step (and only then), their state is checkpointed with the weights so
 * resuming is exact, and a model's bounds are guarded like the loss.
 */
class ModelStepHooksTest {
    private static final double NO_LIMIT = 1e9;

    private static TrainSpec spec(int steps, int checkpointEvery, DivergenceSpec onDivergence) {
        return new TrainSpec(steps, 1, 8, TrainerTest.adam(0.05), 1, null, checkpointEvery, null, onDivergence);
    }

    private static TrainingOutcome train(TrainSpec spec, double limit, Path checkpoints, BooleanSupplier stop,
            TrainerTest.Log log, float[] counterAfter) {
        try (TestGraph g = TestGraph.build(new StepStateDensity(limit), TrainerTest.SHAPE, TrainerTest.SEED)) {
            Trainer trainer = new Trainer(g.runtime(), g.context(), g.model(), spec);
            TrainingOutcome out = trainer.train(new TrainingData(TrainerTest.TRAIN, null, TestGraph.PREPROCESSING,
                    TrainerTest.SEED, 10), checkpoints == null ? null : new Checkpoints(checkpoints, () -> 0), stop, log);
            // Evaluating the model must not run the step updates.
            new Evaluator(g.runtime(), g.context(), g.model()).evaluate(TrainerTest.TRAIN, Set.of(Quantity.LOG_LIKELIHOOD),
                    TestGraph.PREPROCESSING, 16, 1, null);
            counterAfter[0] = g.read(StepStateDensity.COUNTER)[0];
            return out;
        }
    }

    @Test
    void stepUpdatesRunOncePerTrainingStepAndNeverWhenEvaluating() {
        float[] counter = new float[1];
        TrainerTest.Log log = new TrainerTest.Log();
        train(spec(7, 0, DivergenceSpec.STOP), NO_LIMIT, null, () -> false, log, counter);
        assertEquals(7f, counter[0]);
        assertTrue(log.lines.contains("train 1 counter_before_step=0.0"), log.lines.toString());
        assertTrue(log.lines.contains("train 7 counter_before_step=6.0"), log.lines.toString());
    }

    @Test
    void theModelsStateIsCheckpointedSoAResumedRunLogsWhatAnUninterruptedOneLogs(@TempDir Path tmp) {
        TrainSpec spec = spec(12, 4, DivergenceSpec.STOP);
        float[] counter = new float[1];
        TrainerTest.Log whole = new TrainerTest.Log();
        train(spec, NO_LIMIT, tmp.resolve("a"), () -> false, whole, counter);
        assertEquals(12f, counter[0]);

        TrainerTest.Log parts = new TrainerTest.Log();
        TrainingOutcome first = train(spec, NO_LIMIT, tmp.resolve("b"), TrainerTest.stopAfter(5), parts, counter);
        assertEquals(TrainingOutcome.Status.INTERRUPTED, first.status());
        assertEquals(5f, counter[0]);
        train(spec, NO_LIMIT, tmp.resolve("b"), () -> false, parts, counter);
        assertEquals(12f, counter[0], "restored at 5 from the checkpoint, then 7 more steps");
        assertEquals(whole.lines, parts.lines);
    }

    @Test
    void aBreachedBoundStopsTrainingNamingTheValueAndItsLimit(@TempDir Path tmp) {
        float[] counter = new float[1];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(spec(20, 2, DivergenceSpec.STOP), 4.5, tmp.resolve("c"), () -> false,
                        new TrainerTest.Log(), counter));
        // Step 6 is the first to see the counter at 5.
        assertEquals(6, e.step());
        assertEquals("the step counter (test limit) is 5.0, beyond its limit 4.50000", e.reason());
        assertTrue(e.getMessage().startsWith("training diverged at step 6 of 20: the step counter"), e.getMessage());
        assertEquals(4, e.lastGood().state().step());
    }

    @Test
    void aRestartRestoresTheModelsStateFromTheCheckpoint(@TempDir Path tmp) {
        // The bound is breached again after each restart, because the counter comes back with the checkpoint.
        float[] counter = new float[1];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(spec(20, 2, new DivergenceSpec(DivergenceSpec.Action.RESTART, 2, 0.5)), 4.5, tmp.resolve("d"),
                        () -> false, new TrainerTest.Log(), counter));
        assertEquals(6, e.step());
        assertTrue(e.getMessage().contains("after 2 restarts"), e.getMessage());
        Checkpoints checkpoints = new Checkpoints(tmp.resolve("d"), () -> 0);
        try (TestGraph g = TestGraph.build(new StepStateDensity(4.5), TrainerTest.SHAPE, TrainerTest.SEED)) {
            new Trainer(g.runtime(), g.context(), g.model(), spec(20, 2, DivergenceSpec.STOP));
            checkpoints.restore(g.runtime().session(), checkpoints.latest().orElseThrow());
            assertArrayEquals(new float[] {4f}, g.read(StepStateDensity.COUNTER));
        }
    }
}
