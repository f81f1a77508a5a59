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
    void anIndexNamingCheckpointsThatAreGoneIsRefusedWithTheWayOut(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("checkpoints");
        Files.createDirectories(root);
        Files.writeString(root.resolve("index.json"), "{\"latest\": \"ckpt-000001\"}");
        RunFailedException e = assertThrows(RunFailedException.class, () -> new Checkpoints(root, () -> 0).resumable());
        assertTrue(e.getMessage().contains("no checkpoint is left under " + root), e.getMessage());
        assertTrue(e.getMessage().contains("delete " + root + " to train this run from scratch"), e.getMessage());
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
            assertTrue(e.getMessage().contains("is intact (every file matches its checksum) but does not fit this "
                    + "model's graph"), e.getMessage());
        }
    }

    /** Three checkpoints (steps 1, 2, 3) of a variable holding the step, the newest damaged by {@code damage}. */
    private static Checkpoints threeSaved(Path root, int keep) {
        Checkpoints c = new Checkpoints(root, () -> 0, keep);
        try (TfRuntime rt = new TfRuntime(TestGraph.CPU)) {
            Ops tf = rt.tf();
            Variable<TFloat32> v = tf.withName("v").variable(tf.constant(new float[] {0f, 0f}));
            Session s = rt.session();
            for (int step = 1; step <= 3; step++) {
                s.runner().addTarget(tf.assign(v, tf.constant(new float[] {step, -step}))).run().close();
                c.save(s, TrainerState.start(10).atStep(step, Map.of()), false);
            }
        }
        return c;
    }

    private static Path dataFile(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("variables.data-")).findFirst().orElseThrow();
        }
    }

    private static void restoresStep(Checkpoints c, int step) {
        Checkpoints.Checkpoint from = c.resumable().orElseThrow();
        assertEquals(step, from.state().step());
        try (TfRuntime rt = new TfRuntime(TestGraph.CPU)) {
            Variable<TFloat32> v = rt.tf().withName("v").variable(rt.tf().constant(new float[] {0f, 0f}));
            c.restore(rt.session(), from);
            try (var r = rt.session().runner().fetch(v).run()) {
                assertArrayEquals(new float[] {step, -step}, TensorIO.toFloats(r.get(0)));
            }
        }
    }

    @Test
    void aTruncatedLatestFallsBackToThePreviousAndIsMovedAside(@TempDir Path tmp) throws Exception {
        Checkpoints c = threeSaved(tmp.resolve("checkpoints"), 2);
        Path latest = c.latest().orElseThrow().dir();
        Path data = dataFile(latest);
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Checkpoints.Check check = c.check(latest);
        assertTrue(check.verdict().contains(data.getFileName() + " is " + bytes.length / 2 + " bytes, " + bytes.length
                + " were written (truncated)"), check.verdict());
        restoresStep(c, 2);
        assertTrue(Files.isDirectory(latest.resolveSibling(Checkpoints.DAMAGED + latest.getFileName())));
        assertEquals(2, c.latest().orElseThrow().state().step(), "the index names the checkpoint resumed from");
    }

    @Test
    void aBitFlipAndAMissingIndexFileAreFoundToo(@TempDir Path tmp) throws Exception {
        Checkpoints c = threeSaved(tmp.resolve("checkpoints"), 3);
        Path newest = c.latest().orElseThrow().dir();
        Path data = dataFile(newest);
        byte[] bytes = Files.readAllBytes(data);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(data, bytes);
        assertTrue(c.check(newest).verdict().contains(data.getFileName() + " has a checksum mismatch"),
                c.check(newest).verdict());
        Path second = newest.resolveSibling("ckpt-000002");
        Files.delete(second.resolve("variables.index"));
        assertEquals("variables.index is missing", c.check(second).verdict());
        restoresStep(c, 1);
    }

    @Test
    void whenNoCheckpointIsIntactTheRunIsRefusedWithEachReason(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("checkpoints");
        Checkpoints c = threeSaved(root, 2);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) Files.delete(d.resolve("variables.index"));
        }
        RunFailedException e = assertThrows(RunFailedException.class, c::resumable);
        assertTrue(e.getMessage().startsWith("no checkpoint under " + root + " is intact (ckpt-000003: variables.index "
                + "is missing; ckpt-000002: variables.index is missing)"), e.getMessage());
        assertTrue(!e.getMessage().contains("graph"), "a damaged file is not blamed on the graph: " + e.getMessage());
    }

    @Test
    void keepsTheConfiguredNumberOfNewestCheckpoints(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("checkpoints");
        threeSaved(root, 3);
        try (Stream<Path> dirs = Files.list(root)) {
            assertEquals(3, dirs.filter(Files::isDirectory).count());
        }
        Path two = tmp.resolve("two");
        threeSaved(two, 2);
        try (Stream<Path> dirs = Files.list(two)) {
            assertEquals(java.util.List.of("ckpt-000002", "ckpt-000003"),
                    dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
