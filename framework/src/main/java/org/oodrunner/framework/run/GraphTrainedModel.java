package org.oodrunner.framework.run;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TfRuntime;

/** A trained graph of the run, evaluated with the run's preprocessing, batch size and noise seeds. */
final class GraphTrainedModel implements TrainedModel {
    private final String name;
    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;
    private final RunContext ctx;

    /** @param name how progress names it ("score", "likelihood_ratio/background") */
    GraphTrainedModel(String name, TfRuntime runtime, GraphContext graph, ModelGraph model, RunContext ctx) {
        this.name = name;
        this.runtime = runtime;
        this.graph = graph;
        this.model = model;
        this.ctx = ctx;
    }

    @Override
    public Set<Quantity> provides() {
        return model.outputs().keySet();
    }

    @Override
    public Map<Quantity, PerExample> evaluate(ImageSet images, Set<Quantity> quantities) {
        Set<Quantity> missing = new LinkedHashSet<>(quantities);
        missing.removeAll(provides());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + ": the model graph has no " + missing);
        }
        int batch = ctx.spec().eval().batchSize();
        ctx.progress().start(name + " " + images.name(), (images.size() + batch - 1) / batch);
        long[] done = {0};
        try {
            return new Evaluator(runtime, graph, model).evaluate(images, quantities, ctx.preprocessing(), batch,
                    EvaluationNoise.seed(ctx.spec().seed(), images.name()), () -> {
                        // Scoring a large set takes minutes; a stop request ends it at the next batch.
                        if (ctx.stopSignal().requested()) {
                            throw RunInterruptedException.withoutHint("interrupted while computing " + name + " on "
                                    + images.name() + " (" + ctx.stopSignal().reason() + ")");
                        }
                        ctx.progress().update(++done[0], null);
                    });
        } finally {
            ctx.progress().finish();
        }
    }
}
