package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Runs a trained graph over a whole dataset and collects per-example quantities. */
public final class Evaluator {
    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;

    public Evaluator(TfRuntime runtime, GraphContext graph, ModelGraph model) {
        this.runtime = runtime;
        this.graph = graph;
        this.model = model;
    }

    /** Every requested quantity for every example of {@code data}, in dataset order. */
    public Map<Quantity, PerExample> evaluate(ImageSet data, Set<Quantity> quantities, Preprocessing preprocessing,
            int batchSize, long seed, Runnable afterBatch) {
        List<Quantity> order = new ArrayList<>(quantities);
        Fetches fetches = new Fetches();
        int[] at = new int[order.size()];
        for (int q = 0; q < order.size(); q++) at[q] = fetches.add(model.output(order.get(q)));
        BatchPlan plan = BatchPlan.evaluation(data.size(), batchSize, seed);
        int n = data.size();
        double[][] values = new double[order.size()][];
        int[] widths = new int[order.size()];
        Session session = runtime.session();
        try (BatchStream batches = new BatchStream(data, plan, preprocessing, 0, plan.batchesPerEpoch(), 2)) {
            int row = 0;
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                        TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size())) {
                    Session.Runner runner = session.runner().feed(graph.feed(), x);
                    if (y != null) runner.feed(graph.labels(), y);
                    fetches.addTo(runner);
                    try (Result r = runner.run()) {
                        for (int q = 0; q < order.size(); q++) {
                            float[] out = TensorIO.toFloats(r.get(at[q]));
                            int width = out.length / batch.size();
                            if (values[q] == null) {
                                widths[q] = width;
                                values[q] = new double[n * width];
                            }
                            for (int i = 0; i < out.length; i++) values[q][row * width + i] = out[i];
                        }
                    }
                }
                row += batch.size();
                batches.recycle(batch);
                if (afterBatch != null) afterBatch.run();
            }
        }
        Map<Quantity, PerExample> result = new LinkedHashMap<>();
        for (int q = 0; q < order.size(); q++) {
            result.put(order.get(q), new PerExample(n, widths[q], values[q]));
        }
        return result;
    }
}
