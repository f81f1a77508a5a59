package org.oodrunner.components.models.jem;

import java.util.List;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * JEM's replay buffer: the end points of earlier SGLD chains, from which new chains start
 * (persistent contrastive divergence). A graph variable [size, H, W, C] in the model's input
 * space, so checkpoints hold it with the weights. It starts as uniform noise over the fed
 * images' range [0,1] mapped through the run's input transform (so U(-1,1) when the transform
 * normalises with mean 0.5 and std 0.5, as the paper's initialisation).
 */
final class ReplayBuffer {
    /**
     * Start points for one step's chains.
     *
     * @param indices the buffer rows drawn, distinct (so writing back does not depend on which duplicate wins)
     * @param reinitialised 1 for a start point replaced by fresh noise, 0 for a buffer row, [count]
     * @param starts the start points, [count, H, W, C]
     */
    record Draw(Operand<TInt32> indices, Operand<TFloat32> reinitialised, Operand<TFloat32> starts) {}

    private final GraphContext graph;
    private final int size;
    private final float reinitProbability;
    private final Variable<TFloat32> samples;

    ReplayBuffer(Ops tf, GraphContext graph, SgldParams params, OpSeeds seeds) {
        this.graph = graph;
        this.size = params.bufferSize();
        this.reinitProbability = (float) params.reinitProbability();
        this.samples = tf.withName("samples").variable(noise(tf, tf.constant(size), StepSeeds.fixed(tf, seeds)));
    }

    /** The buffer's variable. */
    Variable<TFloat32> samples() {
        return samples;
    }

    /** {@code count} (at most the buffer's size) distinct rows drawn uniformly, each re-initialised with the set probability. */
    Draw draw(Ops tf, Operand<TInt32> count, StepSeeds seeds) {
        // The top `count` of `size` i.i.d. uniforms sit at a uniformly random subset of the rows.
        Operand<TFloat32> keys = tf.random.statelessRandomUniform(tf.constant(new int[] {size}), seeds.next());
        Operand<TInt32> indices = tf.nn.topK(keys, count, TInt32.class).indices();
        Operand<TFloat32> fromBuffer = tf.gather(samples, indices, tf.constant(0));
        Operand<TFloat32> u = tf.random.statelessRandomUniform(tf.reshape(count, tf.constant(new int[] {1})), seeds.next());
        Operand<TFloat32> reinit = tf.dtypes.cast(tf.math.less(u, tf.constant(reinitProbability)), TFloat32.class);
        Operand<TFloat32> mask = tf.reshape(reinit, tf.constant(new int[] {-1, 1, 1, 1}));
        Operand<TFloat32> fresh = noise(tf, count, seeds.next());
        Operand<TFloat32> starts = tf.math.add(tf.math.mul(mask, fresh),
                tf.math.mul(tf.math.sub(tf.constant(1f), mask), fromBuffer));
        return new Draw(indices, reinit, starts);
    }

    /** Writes the chains' end points into the rows they started from. */
    Op write(Ops tf, Draw draw, Operand<TFloat32> endPoints) {
        return tf.withName("write_back").scatterUpdate(samples, draw.indices(), endPoints);
    }

    /** {@code count} images of uniform noise on [0,1], mapped into the model's input space. */
    private Operand<TFloat32> noise(Ops tf, Operand<TInt32> count, Operand<TInt64> seed) {
        var s = graph.shape();
        Operand<TInt32> shape = tf.concat(List.of(tf.reshape(count, tf.constant(new int[] {1})),
                tf.constant(new int[] {s.height(), s.width(), s.channels()})), tf.constant(0));
        Operand<TFloat32> u = tf.random.statelessRandomUniform(shape, seed);
        return graph.inputTransform().forward(tf, u).output();
    }
}
