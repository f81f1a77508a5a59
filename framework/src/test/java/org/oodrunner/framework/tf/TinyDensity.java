package org.oodrunner.framework.tf;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A test model with a data-dependent initialisation: an independent Gaussian per value whose
 * location starts at the mean of the first batch (as ActNorm's bias does), and a counter that
 * the initialisation increments, so tests can see how often it ran. The initial location is
 * also kept in an untrained variable, so tests can check it after training.
 */
final class TinyDensity implements Model {
    static final String INIT_RUNS = "tiny/init_runs";
    static final String INITIAL_LOC = "tiny/initial_loc";

    @Override
    public Set<Quantity> provides() {
        return Set.of(Quantity.LOG_LIKELIHOOD);
    }

    @Override
    public ModelGraph build(GraphContext g) {
        Ops tf = g.tf().withSubScope("tiny");
        long[] dims = {g.shape().height(), g.shape().width(), g.shape().channels()};
        Initializers init = new Initializers(tf, g.seeds());
        Variable<TFloat32> loc = g.parameters().create(tf, "loc", init.zeros(dims));
        Variable<TFloat32> logScale = g.parameters().create(tf, "log_scale", init.normal(0.01f, dims));
        Variable<TFloat32> initRuns = tf.withName("init_runs").variable(tf.constant(0f));
        Variable<TFloat32> initialLoc = tf.withName("initial_loc").variable(init.zeros(dims));
        Operand<TFloat32> batchMean = tf.math.mean(g.images(), tf.constant(0));
        var setLoc = tf.assign(loc, batchMean);
        var keepLoc = tf.assign(initialLoc, batchMean);
        var count = tf.assignAdd(initRuns, tf.constant(1f));

        Operand<TFloat32> z = tf.math.mul(tf.math.sub(g.images(), loc), tf.math.exp(tf.math.neg(logScale)));
        Operand<TFloat32> perValue = tf.math.sub(tf.math.mul(tf.constant(-0.5f), tf.math.square(z)),
                tf.math.add(logScale, tf.constant((float) (0.5 * Math.log(2 * Math.PI)))));
        Operand<TFloat32> ll = tf.withName("log_likelihood").sum(perValue, tf.constant(new int[] {1, 2, 3}));
        Operand<TFloat32> bpd = g.bitsPerDim(ll);
        Operand<TFloat32> loss = tf.withName("loss").math.mean(bpd, tf.constant(0));
        return ModelGraph.builder()
                .loss(loss)
                .output(Quantity.LOG_LIKELIHOOD, ll)
                .trainingMetric("bits_per_dim", loss)
                .initOp(setLoc)
                .initOp(keepLoc)
                .initOp(count)
                .build();
    }
}
