package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;

/**
 * A de-duplicated fetch list: TensorFlow refuses to fetch one output twice in a run, but a
 * model may offer the same tensor under two names (loss and bits/dim, say).
 */
final class Fetches {
    private final List<Operand<?>> unique = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();

    /** Adds an operand and returns the position of its value in the run's result. */
    int add(Operand<?> op) {
        String name = op.asOutput().op().name() + ":" + op.asOutput().index();
        return byName.computeIfAbsent(name, k -> {
            unique.add(op);
            return unique.size() - 1;
        });
    }

    /** Adds the fetches to a runner, in the order of the positions {@link #add} returned. */
    Session.Runner addTo(Session.Runner runner) {
        for (int i = 0; i < unique.size(); i++) runner.fetch(unique.get(i)); // every step: no lambda, no iterator
        return runner;
    }

    int size() {
        return unique.size();
    }
}
