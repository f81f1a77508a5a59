package org.oodrunner.components.models.jem;

import java.util.List;
import org.oodrunner.framework.tf.OpSeeds;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TInt64;

/**
 * Seeds for JEM's stateless random ops, which draw new numbers at every training step. Each op's
 * seed is the pair (a number drawn from the spec's seed when the graph is built, the training
 * step); the step is a counter kept in a graph variable, so checkpoints carry it. A resumed or
 * restarted run therefore draws exactly the numbers an uninterrupted one would, and no draw
 * depends on an op's internal state or on thread timing.
 */
final class StepSeeds {
    private final Ops tf;
    private final OpSeeds seeds;
    private final Variable<TInt64> counter;
    private final Operand<TInt64> step;

    StepSeeds(Ops tf, OpSeeds seeds) {
        this.tf = tf;
        this.seeds = seeds;
        this.counter = tf.withName("counter").variable(tf.constant(0L));
        // Read once per run: every seed of a step sees the same value, and advance() waits for the readers.
        // A copy, not Identity: Identity of a reference variable aliases its buffer, so anything fetched
        // from it in the same run would show the incremented value.
        this.step = tf.withName("step").math.add(counter, tf.constant(0L));
    }

    /** A seed pair for one more op, new at every step. */
    Operand<TInt64> next() {
        return tf.stack(List.of(tf.constant(seeds.next()), step));
    }

    /** A seed pair for one more op that draws the same numbers at every step (evaluation noise, initial values). */
    static Operand<TInt64> fixed(Ops tf, OpSeeds seeds) {
        return tf.constant(new long[] {seeds.next(), seeds.next()});
    }

    /** Increments the counter, after {@code last} (which must depend on every op seeded this step) has run. */
    Op advance(Op last) {
        return tf.withControlDependencies(List.of(last)).withName("advance").assignAdd(counter, tf.constant(1L));
    }
}
