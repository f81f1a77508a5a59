package org.oodrunner.framework.tf;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A test model with training state outside its weights, as JEM's replay buffer is: a counter
 * variable that a step update increments with every training step, and that feeds into the loss
 * (as a shift of the location), so a resumed run logs the same losses only if the counter was
 * checkpointed. The counter's value before the step is bounded by {@code limit}.
 */
final class StepStateDensity implements Model {
    static final String COUNTER = "state/counter";
    private final double limit;

    StepStateDensity(double limit) {
        this.limit = limit;
    }

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public ModelGraph build(GraphContext g) {
        Ops tf = g.tf().withSubScope("state");
        long[] dims = {g.shape().height(), g.shape().width(), g.shape().channels()};
        Initializers init = new Initializers(tf, g.seeds());
        Variable<TFloat32> loc = g.parameters().create(tf, "loc", init.zeros(dims));
        Variable<TFloat32> counter = tf.withName("counter").variable(tf.constant(0f));
        // A copy: Identity of a reference variable aliases its buffer, so a fetch in the same run
        // as the increment would show the incremented value.
        Operand<TFloat32> steps = tf.withName("steps_before").math.add(counter, tf.constant(0f));
        Operand<TFloat32> shift = tf.math.mul(steps, tf.constant(0.01f));
        Operand<TFloat32> z = tf.math.sub(g.images(), tf.math.add(loc, shift));
        Operand<TFloat32> ll = tf.withName("log_likelihood").math.neg(tf.sum(tf.math.square(z), tf.constant(new int[] {1, 2, 3})));
        Operand<TFloat32> loss = tf.withName("loss").math.mean(tf.math.neg(ll), tf.constant(0));
        var increment = tf.withControlDependencies(java.util.List.of(loss)).assignAdd(counter, tf.constant(1f));
        return ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, ll)
                .trainingMetric("counter_before_step", steps)
                .stepUpdate(increment)
                .bound("the step counter (test limit)", steps, limit)
                .build();
    }
}
