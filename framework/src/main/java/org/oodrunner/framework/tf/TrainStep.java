package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The graph of one optimisation step: gradients, optional clipping by global norm, and an
 * Adam or Adamax update whose learning rate is fed each step (so any schedule is plain Java).
 *
 * @param update run this to take a step
 * @param learningRate feed the step's learning rate here
 * @param gradNorm the global gradient norm before clipping, for logging and the NaN guard
 */
public record TrainStep(Op update, Placeholder<TFloat32> learningRate, Operand<TFloat32> gradNorm) {

    public static TrainStep build(Ops root, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, OptimizerSpec spec) {
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
        Operand<TFloat32> beta1 = tf.constant((float) spec.beta1());
        Operand<TFloat32> beta2 = tf.constant((float) spec.beta2());
        Operand<TFloat32> eps = tf.constant((float) spec.epsilon());
        Variable<TFloat32> beta1Power = tf.withName("beta1_power").variable(tf.constant((float) spec.beta1()));
        Variable<TFloat32> beta2Power = tf.withName("beta2_power").variable(tf.constant((float) spec.beta2()));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> v = variables.get(i);
            Ops slotScope = tf.withSubScope("slot_" + i);
            Variable<TFloat32> m = slotScope.withName("m").variable(tf.zerosLike(v));
            Variable<TFloat32> s = slotScope.withName("v").variable(tf.zerosLike(v));
            updates.add(switch (spec.type()) {
                case ADAM -> tf.train.applyAdam(v, m, s, beta1Power, beta2Power, lr, beta1, beta2, eps, g.get(i));
                case ADAMAX -> tf.train.applyAdaMax(v, m, s, beta1Power, lr, beta1, beta2, eps, g.get(i));
            });
        }
        Ops after = tf.withControlDependencies(updates);
        Op p1 = after.assign(beta1Power, after.math.mul(beta1Power, beta1));
        Op p2 = after.assign(beta2Power, after.math.mul(beta2Power, beta2));
        Op step = tf.withControlDependencies(List.of(p1, p2)).withName("train_step").noOp();
        return new TrainStep(step, lr, norm);
    }

    private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
        return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
    }
}
