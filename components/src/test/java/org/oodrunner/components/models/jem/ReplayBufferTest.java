package org.oodrunner.components.models.jem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.testing.ModelHarness;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The replay buffer on a real graph: it keeps its size, draws distinct rows uniformly, writes the
 * chains' end points back to exactly those rows, re-initialises start points at the set rate,
 * and draws as a function of the seed and the step counter alone.
 */
class ReplayBufferTest {
    private static final int SIZE = 20;
    private static final int COUNT = 6;
    private static final int D = JemFixtures.SHAPE.dims();

    /** One buffer in a graph: each {@link #round} draws, writes start + 100 back, and advances the counter. */
    private static final class Rig implements AutoCloseable {
        final ModelHarness harness = JemFixtures.harness(JemFixtures.tiny(), 1);
        final ReplayBuffer buffer;
        final ReplayBuffer.Draw draw;
        final Op advance;
        final StepSeeds seeds;
        final Ops tf;

        Rig(double reinitProbability, long seed) {
            tf = harness.context().tf().withSubScope("rig");
            OpSeeds opSeeds = new OpSeeds(seed);
            seeds = new StepSeeds(tf.withSubScope("seeds"), opSeeds);
            buffer = new ReplayBuffer(tf.withSubScope("buffer"), harness.context(),
                    new SgldParams(1, 1, 0, SIZE, reinitProbability), opSeeds);
            draw = buffer.draw(tf, tf.constant(COUNT), seeds);
            Op write = buffer.write(tf, draw, tf.math.add(draw.starts(), tf.constant(100f)));
            advance = seeds.advance(write);
        }

        float[] bufferValues() {
            try (Result r = harness.runtime().session().runner().fetch(buffer.samples()).run()) {
                assertEquals(org.tensorflow.ndarray.Shape.of(SIZE, 6, 6, 1), r.get(0).shape(), "the buffer keeps its size");
                return TensorIO.toFloats(r.get(0));
            }
        }

        /** One training step's worth: returns indices, re-initialised flags and start points. */
        Round round() {
            Session.Runner runner = harness.runtime().session().runner()
                    .fetch(draw.indices()).fetch(draw.reinitialised()).fetch(draw.starts()).addTarget(advance);
            try (Result r = runner.run()) {
                int[] idx = new int[COUNT];
                ((TInt32) r.get(0)).copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(idx, false, false));
                return new Round(idx, TensorIO.toFloats(r.get(1)), TensorIO.toFloats(r.get(2)));
            }
        }

        void setCounter(long value) {
            Operand<TInt64> counter = harness.context().graph().operation("rig/seeds/counter").output(0);
            try (Result ignored = harness.runtime().session().runner()
                    .addTarget(tf.assign(counter, tf.constant(value))).run()) {
                // the assignment is the result
            }
        }

        @Override
        public void close() {
            harness.close();
        }
    }

    private record Round(int[] indices, float[] reinitialised, float[] starts) {}

    @Test
    void drawsDistinctRowsAndWritesTheEndPointsBackToExactlyThoseRows() {
        try (Rig rig = new Rig(0.25, 5)) {
            float[] before = rig.bufferValues();
            for (float v : before) assertTrue(v >= 0 && v < 1, "starts as uniform noise on [0,1): " + v);
            for (int t = 0; t < 30; t++) {
                Round round = rig.round();
                float[] after = rig.bufferValues();
                Set<Integer> drawn = new HashSet<>();
                for (int k = 0; k < COUNT; k++) {
                    int row = round.indices()[k];
                    assertTrue(row >= 0 && row < SIZE, "row " + row);
                    assertTrue(drawn.add(row), "row " + row + " drawn twice in " + Arrays.toString(round.indices()));
                    float[] start = Arrays.copyOfRange(round.starts(), k * D, (k + 1) * D);
                    if (round.reinitialised()[k] == 0f) {
                        assertArrayEquals(Arrays.copyOfRange(before, row * D, (row + 1) * D), start, "a kept row starts where it was");
                    } else {
                        for (float v : start) assertTrue(v >= 0 && v < 1, "a re-initialised start is fresh noise: " + v);
                    }
                    for (int j = 0; j < D; j++) assertEquals(start[j] + 100f, after[row * D + j], 1e-3f, "written back");
                }
                for (int row = 0; row < SIZE; row++) {
                    if (drawn.contains(row)) continue;
                    assertArrayEquals(Arrays.copyOfRange(before, row * D, (row + 1) * D),
                            Arrays.copyOfRange(after, row * D, (row + 1) * D), "row " + row + " was not drawn");
                }
                before = after;
            }
        }
    }

    @Test
    void reinitialisesAtTheSetRateAndDrawsEveryRowAlike() {
        int rounds = 300;
        double p = 0.25;
        int[] perRow = new int[SIZE];
        int reinitialised = 0;
        try (Rig rig = new Rig(p, 6)) {
            for (int t = 0; t < rounds; t++) {
                Round round = rig.round();
                for (int k = 0; k < COUNT; k++) {
                    perRow[round.indices()[k]]++;
                    reinitialised += (int) round.reinitialised()[k];
                }
            }
        }
        int n = rounds * COUNT;
        double sigma = Math.sqrt(p * (1 - p) / n);
        assertEquals(p, (double) reinitialised / n, 4 * sigma, "re-initialisation rate");
        double expected = (double) n / SIZE;
        double rowSigma = Math.sqrt(n * (1.0 / SIZE) * (1 - 1.0 / SIZE));
        for (int row = 0; row < SIZE; row++) {
            assertEquals(expected, perRow[row], 5 * rowSigma, "draws of row " + row);
        }
        try (Rig never = new Rig(0, 7); Rig always = new Rig(1, 7)) {
            for (int t = 0; t < 20; t++) {
                for (float f : never.round().reinitialised()) assertEquals(0f, f);
                for (float f : always.round().reinitialised()) assertEquals(1f, f);
            }
        }
    }

    @Test
    void theDrawsAreAFunctionOfTheSeedAndTheStepCounterAlone() {
        try (Rig a = new Rig(0.5, 8); Rig b = new Rig(0.5, 8); Rig other = new Rig(0.5, 9)) {
            Round a0 = a.round();
            Round a1 = a.round();
            assertArrayEquals(a0.indices(), b.round().indices(), "same seed, same step: same rows");
            assertTrue(!Arrays.equals(a0.indices(), a1.indices()), "a new step draws new rows");
            assertTrue(!Arrays.equals(a0.indices(), other.round().indices()), "another seed draws other rows");
            a.setCounter(1);
            Round again = a.round();
            assertArrayEquals(a1.indices(), again.indices(), "back at step 1: the rows of step 1");
            assertArrayEquals(a1.reinitialised(), again.reinitialised());
        }
    }
}
