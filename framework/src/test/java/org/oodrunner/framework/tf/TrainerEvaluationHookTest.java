package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.EarlyStoppingSpec;
import org.oodrunner.framework.spec.model.TrainSpec;

/**
 * When the trainer calls {@link TrainingListener#onEvaluation} (eval.every): at step 0, every N
 * steps and once at the end, never twice for a step, also when early stopping ends training at
 * an evaluated step, and across an interruption and a resume.
 */
class TrainerEvaluationHookTest {
    /** Records the steps of every evaluation. */
    static final class Steps implements TrainingListener {
        final List<Long> steps = new ArrayList<>();
        private final long every;

        Steps(long every) {
            this.every = every;
        }

        @Override
        public void onLog(long step, long totalSteps, java.util.Map<String, Double> metrics) {}

        @Override
        public long evaluationEvery() {
            return every;
        }

        @Override
        public void onEvaluation(long step) {
            steps.add(step);
        }
    }

    static TrainingOutcome train(TrainSpec spec, Path checkpointDir, java.util.function.BooleanSupplier stop,
            Steps listener) {
        try (TestGraph g = TestGraph.build(new TinyDensity(), TrainerTest.SHAPE, TrainerTest.SEED)) {
            return new Trainer(g.runtime(), g.context(), g.model(), spec).train(new TrainingData(TrainerTest.TRAIN,
                    TrainerTest.VALIDATION, TestGraph.PREPROCESSING, TrainerTest.SEED, 10),
                    new Checkpoints(checkpointDir, () -> 0), stop, listener);
        }
    }

    @Test
    void evaluatesAtTheStartEveryNStepsAndAtTheEnd(@TempDir Path tmp) {
        Steps s = new Steps(4);
        train(TrainerTest.spec(10, TrainerTest.adam(0.05), null, 0, null, DivergenceSpec.STOP),
                tmp.resolve("a"), () -> false, s);
        assertEquals(List.of(0L, 4L, 8L, 10L), s.steps);
        Steps exact = new Steps(5);
        train(TrainerTest.spec(10, TrainerTest.adam(0.05), null, 0, null, DivergenceSpec.STOP),
                tmp.resolve("b"), () -> false, exact);
        assertEquals(List.of(0L, 5L, 10L), exact.steps, "the last step once");
    }

    @Test
    void anEarlyStopAtAnEvaluatedStepEvaluatesItOnce(@TempDir Path tmp) {
        // No improvement can exceed min_delta: the second validation (step 8) stops training.
        TrainSpec spec = TrainerTest.spec(20, TrainerTest.adam(0.05), 4, 0, new EarlyStoppingSpec(1, 1e9, true),
                DivergenceSpec.STOP);
        Steps s = new Steps(4);
        TrainingOutcome outcome = train(spec, tmp, () -> false, s);
        assertEquals(TrainingOutcome.Status.STOPPED_EARLY, outcome.status());
        assertEquals(8, outcome.state().step());
        assertEquals(List.of(0L, 4L, 8L), s.steps);
    }

    @Test
    void aResumedRunEvaluatesTheStepsTheUninterruptedOneDid(@TempDir Path tmp) {
        TrainSpec spec = TrainerTest.spec(14, TrainerTest.adam(0.05), null, 0, null, DivergenceSpec.STOP);
        Steps whole = new Steps(3);
        train(spec, tmp.resolve("a"), () -> false, whole);
        for (long stopAt : List.of(5L, 6L)) {
            Steps parts = new Steps(3);
            Path dir = tmp.resolve("stop" + stopAt);
            train(spec, dir, TrainerTest.stopAfter(stopAt), parts);
            train(spec, dir, () -> false, parts);
            assertEquals(whole.steps, parts.steps, "stopped after step " + stopAt);
        }
        assertEquals(List.of(0L, 3L, 6L, 9L, 12L, 14L), whole.steps);
    }
}
