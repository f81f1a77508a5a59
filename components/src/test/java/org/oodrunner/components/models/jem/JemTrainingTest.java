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

    /** The metrics logged at one step, by name. */
    static Map<String, Double> loggedAt(Log log, long step) {
        Map<String, Double> at = new java.util.HashMap<>();
        for (String line : log.lines) {
            String[] stepAndMetric = line.split(" ", 2);
            if (Long.parseLong(stepAndMetric[0]) != step) continue;
            String[] kv = stepAndMetric[1].split("=", 2);
            at.put(kv[0], Double.parseDouble(kv[1]));
        }
        return at;
    }

    @Test
    void theEnergyPenaltyAddsItsWeightTimesTheMeanSquaredEnergiesToTheLoss() {
        TrainSpec spec = JemFixtures.train(2, 1e-3, 0, DivergenceSpec.STOP);
        Log plain = new Log();
        train(JemFixtures.tiny(), spec, null, () -> false, plain);
        assertNull(loggedAt(plain, 1).get("energy_penalty"), "off by default: the paper's loss");

        Log penalised = new Log();
        train(JemFixtures.withEnergyPenalty(JemFixtures.tiny(), 0.5), spec, null, () -> false, penalised);
        Map<String, Double> m = loggedAt(penalised, 1);
        double lseData = m.get("logsumexp_data");
        double lseSamples = m.get("logsumexp_samples");
        double penalty = m.get("energy_penalty");
        double expected = m.get("cross_entropy") + (lseSamples - lseData) + 0.5 * penalty;
        assertEquals(expected, m.get("loss"), 1e-5 * Math.max(1, Math.abs(expected)), m.toString());
        // The same step's data and samples as without the penalty (the first update is yet to come).
        assertEquals(loggedAt(plain, 1).get("loss"), m.get("loss") - 0.5 * penalty, 1e-5, m.toString());
        // Squares per example, then means: at least the squares of the means (Jensen), and more
        // unless every example had the same energy.
        assertTrue(penalty > lseData * lseData + lseSamples * lseSamples, m.toString());
    }

    @Test
    void thePenaltyKeepsTheEnergiesNearZeroWhereWithoutItTheyRunAway() {
        // A large SGLD step and learning rate: JEM's failure in small (the samples' energy runs away).
        TrainSpec spec = JemFixtures.train(40, 3e-2, 0, DivergenceSpec.STOP);
        JemParams unbounded = JemFixtures.params(JemFixtures.convnet(), new SgldParams(3, 10.0, 0.01, 32, 0.05), 1e9);
        Log plain = new Log();
        train(unbounded, spec, null, () -> false, plain);
        Log penalised = new Log();
        train(JemFixtures.withEnergyPenalty(unbounded, 1.0), spec, null, () -> false, penalised);
        double without = energyMagnitude(loggedAt(plain, 40));
        double with = energyMagnitude(loggedAt(penalised, 40));
        assertTrue(without > 100, "without the penalty the energies ran away: |lse data| + |lse samples| = " + without);
        assertTrue(with < 1, "with it they stay near zero: " + with);
    }

    static double energyMagnitude(Map<String, Double> m) {
        return Math.abs(m.get("logsumexp_data")) + Math.abs(m.get("logsumexp_samples"));
    }
}
