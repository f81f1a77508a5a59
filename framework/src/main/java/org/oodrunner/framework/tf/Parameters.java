package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The trainable variables of a model, created through here so the trainer, checkpoints and
 * parameter counts see every one of them.
 */
public final class Parameters {
    private final List<Variable<TFloat32>> variables = new ArrayList<>();

    /** A trainable variable named {@code name} in {@code tf}'s scope, initialised to {@code initial}. */
    public Variable<TFloat32> create(Ops tf, String name, Operand<TFloat32> initial) {
        Variable<TFloat32> v = tf.withName(name).variable(initial);
        variables.add(v);
        return v;
    }

    public List<Variable<TFloat32>> all() {
        return Collections.unmodifiableList(variables);
    }

    /** Number of scalar parameters. */
    public long count() {
        long n = 0;
        for (Variable<TFloat32> v : variables) {
            n += v.shape().size();
        }
        return n;
    }
}
