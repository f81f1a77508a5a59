package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec.Type;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The graph of one optimisation step: gradients, optional clipping by global norm, optional
 * decoupled weight decay, and an Adam or Adamax update whose learning rate is fed each step (so
 * any schedule is plain Java).
 *
 * <p>Every update waits for the whole backward pass and for the values fetched with the step.
 * The variables are reference variables updated in place, so without that order an update could
 * land while another op still reads the variable, and the step would depend on thread timing.
 *
 * @param update run this to take a step
 * @param learningRate feed the step's learning rate here
 * @param gradNorm the global gradient norm before clipping, for logging and the divergence guard
 * @param weightsFinite true when every trainable variable is finite (checked before checkpoints)
 */
public record TrainStep(Op update, Placeholder<TFloat32> learningRate, Operand<TFloat32> gradNorm,
        Operand<TBool> weightsFinite) {

    public static TrainStep build(Ops root, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, OptimizerSpec spec) {
        return build(root, loss, List.of(), variables, spec);
    }

    /**
     * @param fetchedWithStep values fetched in the same run as the update (training metrics): the
     *     update waits for them, so they see the weights before the step, as the loss does
     */
    public static TrainStep build(Ops root, Operand<TFloat32> loss, List<? extends Operand<?>> fetchedWithStep,
            List<Variable<TFloat32>> variables, OptimizerSpec spec) {
        if (variables.isEmpty()) throw new IllegalStateException("the model has no trainable variables");
        Ops tf = root.withSubScope("optimizer");
        Placeholder<TFloat32> lr = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Gradients grads = tf.gradients(loss, variables);
        List<Operand<TFloat32>> g = new ArrayList<>();
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Operand<TFloat32> gi = grads.dy(i);
            g.add(gi);
            squares.add(tf.sum(tf.math.square(gi), allAxes(tf, gi)));
        }
        Operand<TFloat32> norm = tf.withName("grad_norm").math.sqrt(tf.math.addN(squares));
        if (spec.clipGradNorm() != null) {
            Operand<TFloat32> clip = tf.constant(spec.clipGradNorm().floatValue());
            Operand<TFloat32> scale = tf.math.div(clip, tf.math.maximum(norm, clip));
            g.replaceAll(gi -> tf.math.mul(gi, scale));
        }
        List<Op> readsFirst = new ArrayList<>();
        readsFirst.add(norm);
        readsFirst.add(loss);
        for (Operand<?> f : fetchedWithStep) readsFirst.add(f);
        Ops afterReads = tf.withControlDependencies(readsFirst);

        Operand<TFloat32> beta1 = tf.constant((float) spec.beta1());
        Operand<TFloat32> beta2 = tf.constant((float) spec.beta2());
        Operand<TFloat32> eps = tf.constant((float) spec.epsilon());
        Variable<TFloat32> beta1Power = tf.withName("beta1_power").variable(tf.constant((float) spec.beta1()));
        Variable<TFloat32> beta2Power = tf.withName("beta2_power").variable(tf.constant((float) spec.beta2()));
        Operand<TFloat32> keep = spec.weightDecay() > 0
                ? tf.math.sub(tf.constant(1f), tf.math.mul(lr, tf.constant((float) spec.weightDecay())))
                : null;
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            Ops slotScope = tf.withSubScope("slot_" + i);
            Variable<TFloat32> m = slotScope.withName("m").variable(tf.zerosLike(v));
            Variable<TFloat32> s = slotScope.withName("v").variable(tf.zerosLike(v));
            Ops apply = afterReads;
            if (keep != null) {
                // Decoupled decay (Loshchilov & Hutter): shrink the weight, then take the Adam step.
                Op decayed = afterReads.assign(v, afterReads.math.mul(v, keep));
                apply = tf.withControlDependencies(List.of(decayed));
            }
            updates.add(spec.type() == Type.ADAM
                    ? apply.train.applyAdam(v, m, s, beta1Power, beta2Power, lr, beta1, beta2, eps, g.get(i))
                    : apply.train.applyAdaMax(v, m, s, beta1Power, lr, beta1, beta2, eps, g.get(i)));
        }
        Ops after = tf.withControlDependencies(updates);
        Op p1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
        Op p2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
        Op step = tf.withControlDependencies(List.of(p1, p2)).withName("train_step").noOp();

        List<Operand<TBool>> finite = new ArrayList<>();
        for (Variable<TFloat32> v : variables) {
            finite.add(tf.reduceAll(tf.math.isFinite(v), allAxes(tf, v)));
        }
        Operand<TBool> allFinite = tf.withName("weights_finite")
                .reduceAll(tf.stack(finite), tf.constant(new int[] {0}));
        return new TrainStep(step, lr, norm, allFinite);
    }

    private static Operand<TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
        return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    }
}
