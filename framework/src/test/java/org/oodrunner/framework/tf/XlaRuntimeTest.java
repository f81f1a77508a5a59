package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec.Device;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * runtime.xla: the session asks for XLA's JIT, TensorFlow really compiles a cluster (the test JVM
 * has TF_XLA_FLAGS=--tf_xla_cpu_global_jit, as bin/runner sets it), and the compiled graph
 * computes what the plain one does, to float32 rounding.
 */
class XlaRuntimeTest {
    private static final int BATCH = 8;

    /** What one run of a small conv net computed, and the kernels that ran. */
    private record Outcome(float[] values, List<String> kernels) {}

    private static Outcome run(boolean xla) {
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(Device.CPU, 0, 0, xla))) {
            Ops tf = rt.tf();
            var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 6, 6, 2)));
            Operand<TFloat32> h = x;
            for (int i = 0; i < 3; i++) {
                var kernel = tf.variable(tf.math.mul(tf.random.randomStandardNormal(tf.constant(new long[] {3, 3, 2, 2}),
                        TFloat32.class, RandomStandardNormal.seed(7L + i), RandomStandardNormal.seed2(1L)), tf.constant(0.4f)));
                h = tf.math.tanh(tf.math.add(tf.nn.conv2d(h, kernel, List.of(1L, 1L, 1L, 1L), "SAME"), tf.constant(0.1f)));
            }
            Operand<TFloat32> perExample = tf.sum(tf.math.mul(h, h), tf.constant(new int[] {1, 2, 3}));
            float[] images = new float[BATCH * 6 * 6 * 2];
            for (int i = 0; i < images.length; i++) images[i] = (float) Math.sin(0.37 * i);
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            try (TFloat32 in = TensorIO.floats(images, BATCH, 6, 6, 2);
                    Result r = rt.session().runner().feed(x, in).fetch(perExample).setOptions(trace).runAndFetchMetadata()) {
                List<String> kernels = new ArrayList<>();
                for (DeviceStepStats d : r.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
                    for (NodeExecStats n : d.getNodeStatsList()) kernels.add(n.getTimelineLabel());
                }
                return new Outcome(TensorIO.toFloats(r.get(0)), kernels);
            }
        }
    }

    @Test
    void theSessionAsksForTheJitOnlyWhenSet() {
        try (TfRuntime on = new TfRuntime(new RuntimeSpec(Device.CPU, 0, 0, true));
                TfRuntime off = new TfRuntime(new RuntimeSpec(Device.CPU, 0, 0))) {
            assertEquals(OptimizerOptions.GlobalJitLevel.ON_1, on.config().getGraphOptions().getOptimizerOptions()
                    .getGlobalJitLevel());
            assertEquals(OptimizerOptions.GlobalJitLevel.DEFAULT, off.config().getGraphOptions().getOptimizerOptions()
                    .getGlobalJitLevel());
        }
    }

    @Test
    void xlaCompilesAClusterAndComputesTheSameValues() {
        Outcome plain = run(false);
        Outcome compiled = run(true);
        assertTrue(compiled.kernels().stream().anyMatch(k -> k.contains("_XlaRun")), "XLA ran: " + compiled.kernels());
        assertFalse(plain.kernels().stream().anyMatch(k -> k.contains("_Xla")), "no XLA without it: " + plain.kernels());
        assertEquals(BATCH, compiled.values().length);
        for (int i = 0; i < BATCH; i++) {
            // Fused kernels sum in another order: float32 rounding, relative.
            assertEquals(plain.values()[i], compiled.values()[i], 1e-4 * Math.abs(plain.values()[i]) + 1e-5, "example " + i);
        }
    }

    @Test
    void theCpuJitFlagIsRecognisedAmongOtherFlags() {
        assertTrue(TfRuntime.cpuJitEnabled("--tf_xla_cpu_global_jit"));
        assertTrue(TfRuntime.cpuJitEnabled("--tf_xla_auto_jit=2  --tf_xla_cpu_global_jit=true"));
        assertFalse(TfRuntime.cpuJitEnabled("--tf_xla_cpu_global_jit_extra"));
        assertFalse(TfRuntime.cpuJitEnabled(""));
        assertFalse(TfRuntime.cpuJitEnabled(null));
    }
}
