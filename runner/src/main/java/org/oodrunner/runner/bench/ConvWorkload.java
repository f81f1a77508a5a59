package org.oodrunner.runner.bench;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.ModelGraph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/**
 * A training workload the size of one RealNVP coupling stack's s/t network, for measuring the
 * engine rather than a model: the image squeezed to [H/2, W/2, 4C], then
 * {@code blocks} times conv3x3(64)-ReLU-conv3x3(64)-ReLU-conv3x3(8C), whose output is the mean
 * and log-scale of a Gaussian over the squeezed image. (It predicts its own input, so it is no
 * valid density; only its cost matters here.)
 */
final class ConvWorkload implements Model {
    private final int blocks;
    private final int hidden;

    ConvWorkload(int blocks, int hidden) {
        this.blocks = blocks;
        this.hidden = hidden;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of();
    }

    @Override
    public ModelGraph build(GraphContext g) {
        Ops tf = g.tf().withSubScope("workload");
        Initializers init = new Initializers(tf, g.seeds());
        int c = g.shape().channels() * 4;
        Operand<TFloat32> x = tf.nn.spaceToDepth(g.images(), 2L);
        Operand<TFloat32> total = tf.constant(0f);
        for (int b = 0; b < blocks; b++) {
            Ops block = tf.withSubScope("block" + b);
            Operand<TFloat32> h = tf.nn.relu(conv(block, g, init, "conv1", x, c, hidden));
            h = tf.nn.relu(conv(block, g, init, "conv2", h, hidden, hidden));
            Operand<TFloat32> out = conv(block, g, init, "conv3", h, hidden, 2 * c);
            var halves = tf.split(tf.constant(3), out, 2L);
            Operand<TFloat32> mean = halves.output().get(0);
            Operand<TFloat32> logScale = tf.math.tanh(halves.output().get(1));
            Operand<TFloat32> z = tf.math.mul(tf.math.sub(x, mean), tf.math.exp(tf.math.neg(logScale)));
            Operand<TFloat32> nll = tf.math.add(tf.math.mul(tf.constant(0.5f), tf.math.square(z)), logScale);
            total = tf.math.add(total, tf.math.mean(nll, tf.constant(new int[] {0, 1, 2, 3})));
        }
        Operand<TFloat32> loss = tf.withName("loss").identity(total);
        return ModelGraph.builder().loss(loss).build();
    }

    private static Operand<TFloat32> conv(Ops tf, GraphContext g, Initializers init, String name, Operand<TFloat32> x,
            int in, int out) {
        Variable<TFloat32> w = g.parameters().create(tf, name + "_w", init.glorotUniform(9L * in, 9L * out, 3, 3, in, out));
        Variable<TFloat32> b = g.parameters().create(tf, name + "_b", init.zeros(out));
        Operand<TFloat32> y = tf.nn.conv2d(x, w, java.util.List.of(1L, 1L, 1L, 1L), "SAME", Conv2d.dataFormat("NHWC"));
        return tf.nn.biasAdd(y, b);
    }
}
