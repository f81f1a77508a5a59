package org.oodrunner.components.models.jem;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Stochastic gradient Langevin dynamics on an unnormalised log-density log q:
 * <pre>
 *   x_{k+1} = x_k + step_size * d/dx log q(x_k) + noise * eps_k,   eps_k ~ N(0, I)
 * </pre>
 * with JEM's step size and noise set independently (the paper's relaxation of Langevin's
 * noise^2 = 2 step_size). The chain is unrolled in the graph: each step adds one evaluation of
 * log q and its gradient with respect to the input, so a training step costs about
 * {@code steps} forward and backward passes more than a classifier's.
 */
final class Sgld {
    private Sgld() {}

    /**
     * @param logDensity per-example log q(x) ([n]) of images [n, H, W, C]; examples must not
     *     interact, so the gradient of the sum is each example's own gradient
     * @param seeds a new seed pair for each step's noise
     * @return the end points x_steps
     */
    static Operand<TFloat32> chain(Ops tf, Function<Operand<TFloat32>, Operand<TFloat32>> logDensity,
            Operand<TFloat32> start, int steps, float stepSize, float noise, Supplier<Operand<TInt64>> seeds) {
        Operand<TFloat32> x = start;
        for (int k = 0; k < steps; k++) {
            Ops step = tf.withSubScope("step" + k);
            Operand<TFloat32> total = step.sum(logDensity.apply(x), step.constant(0));
            Operand<TFloat32> grad = step.gradients(total, List.of(x)).dy(0);
            x = step.math.add(x, step.math.mul(step.constant(stepSize), grad));
            if (noise > 0) {
                Operand<TFloat32> eps = step.random.statelessRandomNormal(step.shape(x), seeds.get());
                x = step.math.add(x, step.math.mul(step.constant(noise), eps));
            }
        }
        return x;
    }
}
