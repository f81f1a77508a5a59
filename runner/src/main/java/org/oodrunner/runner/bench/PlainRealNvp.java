package org.oodrunner.runner.bench;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Split;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The benchmark's reference: the RealNVP of {@link FlowBenchCommand#referenceRealNvp()}
 * written directly in TensorFlow Java, with none of the framework (no layers, no trainer, no
 * batch thread): 28x28x1 squeezed to 14x14x4, 8 affine checkerboard couplings whose s/t net is
 * conv3x3(64)-ReLU-conv3x3(64)-ReLU-conv3x3(8), log-scale a * tanh(raw), a standard normal
 * prior, mean bits/dim as the loss, Adam. Pre-made batches are fed from Java arrays.
 */
final class PlainRealNvp implements AutoCloseable {
    static final int COUPLINGS = 8;
    static final int HIDDEN = 64;
    private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);

    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final OpSeeds seeds;
    private final List<Variable<TFloat32>> variables = new ArrayList<>();
    private final Placeholder<TFloat32> images;
    private final Placeholder<TFloat32> learningRate;
    private final Operand<TFloat32> loss;
    private final Op step;
    private final Session session;

    PlainRealNvp(long seed) {
        this.seeds = new OpSeeds(seed);
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
        learningRate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> x = tf.nn.spaceToDepth(images, 2L);
        List<Operand<TFloat32>> logDets = new ArrayList<>();
        for (int i = 0; i < COUPLINGS; i++) {
            Operand<TFloat32> keep = checkerboard(i % 2);
            Operand<TFloat32> change = tf.math.sub(tf.constant(1f), keep);
            Operand<TFloat32> h = tf.nn.relu(conv(tf.math.mul(x, keep), 4, HIDDEN, true));
            h = tf.nn.relu(conv(h, HIDDEN, HIDDEN, true));
            Split<TFloat32> st = tf.split(tf.constant(3), conv(h, HIDDEN, 8, false), 2L);
            Variable<TFloat32> amplitude = variable(tf.fill(tf.constant(new long[] {4}), tf.constant(1f)));
            Operand<TFloat32> s = tf.math.mul(tf.math.mul(amplitude, tf.math.tanh(st.output().get(0))), change);
            Operand<TFloat32> t = tf.math.mul(st.output().get(1), change);
            x = tf.math.mul(tf.math.add(x, t), tf.math.exp(s));
            logDets.add(tf.sum(s, tf.constant(new int[] {1, 2, 3})));
        }
        float d = 28 * 28;
        Operand<TFloat32> logPrior = tf.sum(tf.math.mul(tf.constant(-0.5f),
                tf.math.add(tf.constant((float) Math.log(2 * Math.PI)), tf.math.square(x))), tf.constant(new int[] {1, 2, 3}));
        Operand<TFloat32> logLikelihood = tf.math.add(logPrior, tf.math.addN(logDets));
        Operand<TFloat32> bitsPerDim = tf.math.div(tf.math.sub(tf.constant((float) (d * Math.log(256))), logLikelihood),
                tf.constant((float) (d * Math.log(2))));
        loss = tf.math.mean(bitsPerDim, tf.constant(0));
        step = adam();
        session = new Session(graph, ConfigProto.newBuilder().setAllowSoftPlacement(true).build());
        session.initialize();
    }

    private Operand<TFloat32> checkerboard(int parity) {
        float[] m = new float[14 * 14];
        for (int r = 0; r < 14; r++) {
            for (int c = 0; c < 14; c++) m[r * 14 + c] = (r + c) % 2 == parity ? 1f : 0f;
        }
        return tf.constant(Shape.of(1, 14, 14, 1), DataBuffers.of(m, true, false));
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, long in, long out, boolean he) {
        long s = seeds.next();
        Operand<TFloat32> init = he
                ? tf.math.mul(tf.random.randomStandardNormal(tf.constant(new long[] {3, 3, in, out}), TFloat32.class,
                        RandomStandardNormal.seed(s), RandomStandardNormal.seed2(s >>> 7 | 1)),
                        tf.constant((float) Math.sqrt(2.0 / (9 * in))))
                : tf.fill(tf.constant(new long[] {3, 3, in, out}), tf.constant(0f));
        Variable<TFloat32> kernel = variable(init);
        Variable<TFloat32> bias = variable(tf.fill(tf.constant(new long[] {out}), tf.constant(0f)));
        return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, STRIDES, "SAME"), bias);
    }

    private Variable<TFloat32> variable(Operand<TFloat32> initial) {
        Variable<TFloat32> v = tf.variable(initial);
        variables.add(v);
        return v;
    }

    private Op adam() {
        var grads = tf.gradients(loss, variables);
        Operand<TFloat32> beta1 = tf.constant(0.9f);
        Operand<TFloat32> beta2 = tf.constant(0.999f);
        Variable<TFloat32> beta1Power = tf.variable(tf.constant(0.9f));
        Variable<TFloat32> beta2Power = tf.variable(tf.constant(0.999f));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            updates.add(tf.train.applyAdam(v, tf.variable(tf.zerosLike(v)), tf.variable(tf.zerosLike(v)), beta1Power,
                    beta2Power, learningRate, beta1, beta2, tf.constant(1e-8f), grads.dy(i)));
        }
        Ops after = tf.withControlDependencies(updates);
        return tf.withControlDependencies(List.of(after.assign(beta1Power, after.math.mul(beta1Power, beta1)),
                after.assign(beta2Power, after.math.mul(beta2Power, beta2)))).noOp();
    }

    /** Trains one step per batch (each [64, 28, 28, 1] in [0,1]) and returns the seconds taken and the last loss. */
    double[] train(List<float[]> batches, int steps, float lr) {
        long start = System.nanoTime();
        float last = Float.NaN;
        for (int s = 0; s < steps; s++) {
            float[] batch = batches.get(s % batches.size());
            try (TFloat32 x = TensorIO.floats(batch, batch.length / 784, 28, 28, 1);
                    TFloat32 rate = TensorIO.scalar(lr);
                    Result r = session.runner().feed(images, x).feed(learningRate, rate).addTarget(step).fetch(loss).run()) {
                last = TensorIO.toScalar(r.get(0));
            }
        }
        return new double[] {(System.nanoTime() - start) / 1e9, last};
    }

    long parameterCount() {
        long n = 0;
        for (Variable<TFloat32> v : variables) n += v.shape().size();
        return n;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
