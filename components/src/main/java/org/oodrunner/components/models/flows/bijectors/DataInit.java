package org.oodrunner.components.models.flows.bijectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Collects the assignments of a data-dependent initialisation pass (ActNorm's batch
 * statistics). The framework runs them once, with the first training batch fed.
 */
public final class DataInit {
    private final List<Op> assignments = new ArrayList<>();

    public void add(Op assignment) {
        assignments.add(assignment);
    }

    /** One op that runs every assignment, or empty when no layer initialises from data. */
    public Optional<Op> asOp(Ops tf) {
        if (assignments.isEmpty()) return Optional.empty();
        return Optional.of(tf.withControlDependencies(assignments).withName("data_dependent_init").noOp());
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }
}
