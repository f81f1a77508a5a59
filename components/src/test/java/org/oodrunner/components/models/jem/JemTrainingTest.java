package org.oodrunner.components.models.jem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.spec.model.DivergenceSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainingData;
import org.oodrunner.framework.tf.TrainingDivergedException;
import org.oodrunner.framework.tf.TrainingListener;
import org.oodrunner.framework.tf.TrainingOutcome;
import org.oodrunner.framework.testing.ModelHarness;
import org.tensorflow.Result;

/**
 * JEM through the engine's trainer: the replay buffer and step counter are updated every step
 * and checkpointed, so a resumed run repeats an uninterrupted one exactly; an exploding energy
 * is a divergence that the guard stops or restarts from.
 */
class JemTrainingTest {
    static final ImageSet TRAIN = JemFixtures.images("train", 48, 1);
    static final long SEED = 5;
    static final String BUFFER = "jem/replay_buffer/samples";
    static final String COUNTER = "jem/step_seeds/counter";

    /** Everything training logged, as "step key=value". */
    static final class Log implements TrainingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onLog(long step, long totalSteps, Map<String, Double> metrics) {
            metrics.forEach((k, v) -> lines.add(step + " " + k + "=" + v));
        }
    }

    /** What a training call leaves behind. */
    record Trained(TrainingOutcome outcome, float[] buffer, long counter) {}

    static Trained train(JemParams params, TrainSpec spec, Path checkpoints, BooleanSupplier stop, Log log) {
        try (ModelHarness h = JemFixtures.harness(params, SEED)) {
            Trainer trainer = new Trainer(h.runtime(), h.context(), h.graph(), spec);
            TrainingOutcome out = trainer.train(new TrainingData(TRAIN, null, JemFixtures.PREPROCESSING, SEED, 16),
                    checkpoints == null ? null : new Checkpoints(checkpoints, () -> 0), stop, log);
            try (Result r = h.runtime().session().runner().fetch(BUFFER).fetch(COUNTER).run()) {
                long[] counter = new long[1];
                ((org.tensorflow.types.TInt64) r.get(1)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(counter, false, false));
                return new Trained(out, TensorIO.toFloats(r.get(0)), counter[0]);
            }
        }
    }

    static BooleanSupplier stopAfter(long n) {
        AtomicLong polls = new AtomicLong();
        return () -> polls.incrementAndGet() >= n;
    }

    @Test
    void anInterruptedAndResumedRunRepeatsAnUninterruptedOneExactly(@TempDir Path tmp) {
        TrainSpec spec = JemFixtures.train(9, 1e-3, 3, DivergenceSpec.STOP);
        Log whole = new Log();
        Trained uninterrupted = train(JemFixtures.tiny(), spec, tmp.resolve("a"), () -> false, whole);
        assertEquals(9, uninterrupted.counter(), "one step of the counter per training step");

        Log parts = new Log();
        Trained first = train(JemFixtures.tiny(), spec, tmp.resolve("b"), stopAfter(4), parts);
        assertEquals(TrainingOutcome.Status.INTERRUPTED, first.outcome().status());
        Trained resumed = train(JemFixtures.tiny(), spec, tmp.resolve("b"), () -> false, parts);
        assertEquals(4, resumed.outcome().resumedFrom());

        assertEquals(whole.lines, parts.lines, "same losses, energies and re-initialisations at every step");
        assertArrayEquals(uninterrupted.buffer(), resumed.buffer(), "the same replay buffer");
        assertEquals(9, resumed.counter());
        assertTrue(whole.lines.stream().anyMatch(l -> l.startsWith("9 logsumexp_samples=")), whole.lines.toString());
    }

    @Test
    void trainingWritesTheChainsEndPointsIntoTheBuffer() {
        float[] initial;
        try (ModelHarness h = JemFixtures.harness(JemFixtures.tiny(), SEED)) {
            try (Result r = h.runtime().session().runner().fetch(BUFFER).run()) {
                initial = TensorIO.toFloats(r.get(0));
            }
        }
        Trained trained = train(JemFixtures.tiny(), JemFixtures.train(3, 1e-3, 0, DivergenceSpec.STOP), null,
                () -> false, new Log());
        int d = JemFixtures.SHAPE.dims();
        int changed = 0;
        for (int row = 0; row < 32; row++) {
            if (!Arrays.equals(Arrays.copyOfRange(initial, row * d, (row + 1) * d),
                    Arrays.copyOfRange(trained.buffer(), row * d, (row + 1) * d))) {
                changed++;
            }
        }
        // Batches of 8 rows, three steps: at most 24 rows, at least the 8 of one step (rows may repeat across steps).
        assertTrue(changed >= 8 && changed <= 24, changed + " rows changed");
    }

    @Test
    void anExplodingEnergyStopsTrainingNamingTheSamplesAndTheLimit(@TempDir Path tmp) {
        JemParams absurdStep = JemFixtures.params(JemFixtures.convnet(), new SgldParams(3, 1e7, 0.01, 32, 0.05), 100);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> train(absurdStep,
                JemFixtures.train(10, 1e-3, 2, DivergenceSpec.STOP), tmp.resolve("c"), () -> false, new Log()));
        assertTrue(e.reason().startsWith("the SGLD samples' mean log-sum-exp of logits (model.energy_limit"), e.reason());
        assertTrue(e.reason().endsWith("beyond its limit 100.000"), e.reason());
        // The very first chain explodes: the step-0 checkpoint cannot be trusted either.
        assertEquals(1, e.step());
        assertNull(e.lastGood());
        assertTrue(e.getMessage().contains("No checkpoint is good: training diverges from the initial weights"),
                e.getMessage());
    }

    @Test
    void restartingAfterAnEnergyBlowUpLowersTheLearningRateAndFinishes(@TempDir Path tmp) {
        OptimizerSpec absurdRate = JemFixtures.adam(1e3);
        TrainSpec spec = new TrainSpec(8, 1, 8, absurdRate, 1, null, 2, null,
                new DivergenceSpec(DivergenceSpec.Action.RESTART, 3, 1e-6));
        Log log = new Log();
        Trained trained = train(JemFixtures.params(JemFixtures.convnet(), new SgldParams(3, 1.0, 0.01, 32, 0.05), 50),
                spec, tmp.resolve("d"), () -> false, log);
        TrainingOutcome out = trained.outcome();
        assertEquals(TrainingOutcome.Status.FINISHED, out.status());
        assertEquals(8, out.state().step());
        assertTrue(out.state().restarts() >= 1, "restarted");
        assertEquals(Math.pow(1e-6, out.state().restarts()), out.state().lrScale(), 1e-20);
        assertEquals(8, trained.counter(), "the counter came back with the checkpoint and ran to the end");
        for (float v : trained.buffer()) assertTrue(Float.isFinite(v));
    }
}
