package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Both sampler forms on hand-built graphs whose output says which evaluations ran. */
class SampleDrawerTest {
    private static final ImageShape SHAPE = new ImageShape(2, 3, 1);

    @Test
    void aSequentialSamplerRunsEveryStepOnThePreviousCanvas() {
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
            Ops tf = rt.tf();
            Placeholder<TFloat32> canvas = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, 3, 1)));
            Placeholder<TInt32> step = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> temperature = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            // Step t writes temperature * (1 + previous value at t-1) at position t, in raster order:
            // only a loop that feeds each result back produces 1, 2, 3, ... (times the temperature).
            Operand<TFloat32> flat = tf.reshape(canvas, tf.constant(new int[] {-1, 6}));
            Operand<TFloat32> at = tf.dtypes.cast(tf.math.equal(tf.range(tf.constant(0), tf.constant(6), tf.constant(1)), step),
                    TFloat32.class);
            Operand<TFloat32> before = tf.dtypes.cast(tf.math.equal(tf.range(tf.constant(0), tf.constant(6), tf.constant(1)),
                    tf.math.sub(step, tf.constant(1))), TFloat32.class);
            Operand<TFloat32> previous = tf.sum(tf.math.mul(flat, before), tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
            Operand<TFloat32> value = tf.math.mul(tf.math.add(tf.math.div(previous, temperature), tf.constant(1f)), temperature);
            Operand<TFloat32> next = tf.reshape(tf.math.add(flat, tf.math.mul(at, value)), tf.constant(new int[] {-1, 2, 3, 1}));
            Sampler sampler = Sampler.sequential(canvas, step, 6, temperature, next);

            float[] samples = new SampleDrawer(rt.session(), sampler, SHAPE).draw(2, 0.5f);

            float[] one = {0.5f, 1f, 1.5f, 2f, 2.5f, 3f};
            float[] expected = new float[12];
            System.arraycopy(one, 0, expected, 0, 6);
            System.arraycopy(one, 0, expected, 6, 6);
            assertArrayEquals(expected, samples, 1e-6f);
        }
    }

    @Test
    void aOneShotSamplerRunsOnceWithTheCountFed() {
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
            Ops tf = rt.tf();
            Placeholder<TInt32> count = tf.placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            Placeholder<TFloat32> temperature = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            Operand<TInt32> dims = tf.concat(java.util.List.of(tf.reshape(count, tf.constant(new int[] {1})),
                    tf.constant(new int[] {2, 3, 1})), tf.constant(0));
            Operand<TFloat32> samples = tf.fill(dims, temperature);
            float[] out = new SampleDrawer(rt.session(), new Sampler(count, temperature, samples), SHAPE).draw(3, 0.25f);
            assertEquals(18, out.length);
            for (float v : out) assertEquals(0.25f, v);
        }
    }

    @Test
    void theRecordRefusesHalfASequentialSampler() {
        try (TfRuntime rt = new TfRuntime(new RuntimeSpec(RuntimeSpec.Device.CPU, 0, 0))) {
            Ops tf = rt.tf();
            Placeholder<TFloat32> canvas = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, 3, 1)));
            Placeholder<TFloat32> temperature = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            assertThrows(IllegalArgumentException.class, () -> new Sampler(null, temperature, canvas, canvas, null, 6));
            assertThrows(IllegalArgumentException.class, () -> new Sampler(null, temperature, canvas));
        }
    }
}
