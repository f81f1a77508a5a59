package org.oodrunner.components.models.flows;

import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.tensorflow.op.Ops;

/** A model that is a normalizing flow: it builds a {@link MultiScaleFlow}; {@link FlowGraph} does the rest. */
public interface FlowModel extends Model {
    /** The name scope of the model's variables and ops (its spec name). */
    String scopeName();

    /** The flow itself, its variables created in {@code tf}'s scope. */
    MultiScaleFlow flow(GraphContext g, Ops tf);

    @Override
    default Set<Quantity> provides() {
        return FlowGraph.PROVIDES;
    }

    @Override
    default ModelGraph build(GraphContext g) {
        Ops tf = g.tf().withSubScope(scopeName());
        return FlowGraph.build(g, tf, flow(g, tf));
    }
}
