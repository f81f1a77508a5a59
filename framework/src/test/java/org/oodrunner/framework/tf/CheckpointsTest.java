package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.RunFailedException;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class CheckpointsTest {
    @Test
    void keepsTheLatestAndTheBestAndRestoresThemExactly(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("checkpoints");
        long[] logLength = {0};
        Checkpoints c = new Checkpoints(root, () -> logLength[0]);
        try (TfRuntime rt = new TfRuntime(TestGraph.CPU)) {
            Ops tf = rt.tf();
            Variable<TFloat32> v = tf.withName("v").variable(tf.constant(new float[] {1f, 2f}));
            Session s = rt.session();
            TrainerState state = TrainerState.start(10);
            logLength[0] = 11;
            c.save(s, state.atStep(1, Map.of("loss", 3.0)), true);
            s.runner().addTarget(tf.assign(v, tf.constant(new float[] {5f, 6f}))).run().close();
            logLength[0] = 22;
            c.save(s, state.atStep(2, Map.of()), false);
            c.save(s, state.atStep(3, Map.of()), false);

            try (Stream<Path> dirs = Files.list(root)) {
                assertEquals(4, dirs.count(), "index.json, the best (step 1), the previous (2) and the latest (3)");
            }
            assertEquals(3, c.latest().orElseThrow().state().step());
            assertEquals(22, c.latest().orElseThrow().logBytes());
            Checkpoints.Checkpoint best = c.best().orElseThrow();
            assertEquals(1, best.state().step());
            assertEquals(11, best.logBytes());
            assertEquals(Map.of("loss", 3.0), best.state().lastMetrics());

            c.restore(s, best);
            try (var r = s.runner().fetch(v).run()) {
                assertArrayEquals(new float[] {1f, 2f}, TensorIO.toFloats(r.get(0)));
            }

            // A latest checkpoint found bad gives way to the one before it, and is deleted.
            Path bad = c.latest().orElseThrow().dir();
            assertEquals(2, c.discardLatest().orElseThrow().state().step());
            assertTrue(Files.notExists(bad));
            assertEquals(1, c.best().orElseThrow().state().step());
        }
        // A save that crashed half way leaves a .partial directory: ignored, then cleared by the next save.
        Files.createDirectories(root.resolve("ckpt-000009.partial"));
        assertEquals(2, new Checkpoints(root, () -> 0).latest().orElseThrow().state().step());
    }

    @Test
    void aBrokenIndexIsReportedWithTheWayOut(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("checkpoints");
        Files.createDirectories(root);
        Files.writeString(root.resolve("index.json"), "{\"latest\": \"ckpt-000001\"}");
        RunFailedException e = assertThrows(RunFailedException.class, () -> new Checkpoints(root, () -> 0).latest());
        assertTrue(e.getMessage().contains("delete " + root + " to train from scratch"), e.getMessage());
    }

    @Test
    void restoringIntoADifferentGraphSaysWhy(@TempDir Path tmp) {
        Path root = tmp.resolve("checkpoints");
        Checkpoints c = new Checkpoints(root, () -> 0);
        try (TfRuntime rt = new TfRuntime(TestGraph.CPU)) {
            rt.tf().withName("v").variable(rt.tf().constant(new float[] {1f, 2f}));
            c.save(rt.session(), TrainerState.start(1), false);
        }
        try (TfRuntime rt = new TfRuntime(TestGraph.CPU)) {
            rt.tf().withName("v").variable(rt.tf().constant(new float[] {1f, 2f, 3f}));
            RunFailedException e = assertThrows(RunFailedException.class,
                    () -> c.restore(rt.session(), c.latest().orElseThrow()));
            assertTrue(e.getMessage().contains("the model's graph differs from the one that saved it"), e.getMessage());
        }
    }
}
