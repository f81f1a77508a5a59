package org.oodrunner.framework.tf;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.classification.Classification;
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

/**
 * Scores the held-out validation set: mean bits/dim when the model gives a normalised
 * log-likelihood; otherwise, for a classifier (logits and labelled data), the mean cross-entropy
 * of the true class; otherwise the mean of its loss. A classifier's accuracy and calibration error
 * are reported beside the value, whichever it is. The dequantisation noise is the same on every
 * pass, so successive values differ only because the weights did.
 */
final class Validator {
    static final String BITS_PER_DIM = "bits_per_dim";
    static final String LOSS = "loss";
    static final String CROSS_ENTROPY = Classification.CROSS_ENTROPY;

    private final TfRuntime runtime;
    private final GraphContext graph;
    private final ModelGraph model;
    private final ImageSet set;
    private final Preprocessing preprocessing;
    private final int batchSize;
    private final long seed;
    private final boolean likelihood;
    private final boolean classifier;

    Validator(TfRuntime runtime, GraphContext graph, ModelGraph model, TrainingData data) {
        this.runtime = runtime;
        this.graph = graph;
        this.model = model;
        this.set = data.validation();
        this.preprocessing = data.preprocessing();
        this.batchSize = data.evalBatchSize();
        // Its own noise stream, apart from the training batches' and the scoring passes'.
        this.seed = data.seed() ^ 0x7A11_DA7E_5EEDL;
        this.likelihood = model.outputs().containsKey(Quantity.LOG_LIKELIHOOD) && model.likelihoodNormalized();
        this.classifier = model.outputs().containsKey(Quantity.LOGITS) && set.hasLabels();
    }

    /** The name of the value {@link #evaluate} returns, the one early stopping minimises. */
    String metric() {
        return likelihood ? BITS_PER_DIM : classifier ? CROSS_ENTROPY : LOSS;
    }

    double evaluate() {
        return evaluateAll().get(metric());
    }

    /** {@link #metric()}'s value and, for a classifier, its accuracy, cross-entropy and calibration error. */
    Map<String, Double> evaluateAll() {
        Map<String, Double> values = new LinkedHashMap<>();
        if (!likelihood && !classifier) {
            values.put(LOSS, meanLoss());
            return values;
        }
        Set<Quantity> wanted = new LinkedHashSet<>();
        if (likelihood) wanted.add(Quantity.LOG_LIKELIHOOD);
        if (classifier) wanted.add(Quantity.LOGITS);
        Map<Quantity, PerExample> q = new Evaluator(runtime, graph, model)
                .evaluate(set, wanted, preprocessing, batchSize, seed, null);
        if (likelihood) {
            PerExample ll = q.get(Quantity.LOG_LIKELIHOOD);
            int dims = set.shape().dims();
            double sum = 0;
            for (int i = 0; i < ll.n(); i++) sum += preprocessing.bitsPerDim(ll.get(i), dims);
            values.put(BITS_PER_DIM, sum / ll.n());
        }
        if (classifier) values.putAll(Classification.of(q.get(Quantity.LOGITS), set.labels()).metrics());
        return values;
    }

    private double meanLoss() {
        BatchPlan plan = BatchPlan.evaluation(set.size(), batchSize, seed);
        Session session = runtime.session();
        double sum = 0;
        try (BatchStream batches = new BatchStream(set, plan, preprocessing, 0, plan.batchesPerEpoch(), 2)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                try (TFloat32 x = TensorIO.floats(batch.images(), batch.tensorShape());
                        TInt32 y = batch.labels() == null ? null : TensorIO.ints(batch.labels(), batch.size())) {
                    Session.Runner runner = session.runner().feed(graph.feed(), x).fetch(model.loss());
                    if (y != null) runner.feed(graph.labels(), y);
                    try (Result r = runner.run()) {
                        sum += (double) TensorIO.toScalar(r.get(0)) * batch.size();
                    }
                }
                batches.recycle(batch);
            }
        }
        return sum / set.size();
    }
}
