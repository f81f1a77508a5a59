package org.oodrunner.framework.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.component.AuxiliaryTraining;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.component.TrainingOverrides;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extra models of the run's architecture trained within the run for its scorers: the
 * background model of a likelihood ratio, the members of a WAIC ensemble. Each gets a fresh
 * runtime and graph built exactly as the run's model is ({@link BuiltModel}), its own seed
 * (the run's plus an offset), its own training data and budget, and the run's optimiser (with
 * the weight decay the request may override); it is trained and evaluated by the same
 * {@link Trainer} and evaluator as the run's model. Closing releases every graph.
 */
public final class AuxiliaryModels implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuxiliaryModels.class);

    private final RunContext ctx;
    private final List<BuiltModel> built = new ArrayList<>();

    public AuxiliaryModels(RunContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Builds and trains one model.
     *
     * @param owner the label of the scorer that asked, to name the model's logs
     */
    public TrainedModel train(String owner, AuxiliaryTraining request) {
        String name = owner + "/" + request.name();
        if (!request.trainingSet().shape().equals(ctx.trainSet().shape())) {
            throw new IllegalArgumentException(name + ": training images of " + request.trainingSet().shape()
                    + " for a model built on " + ctx.trainSet().shape());
        }
        long seed = ctx.spec().seed() + request.seedOffset();
        BuiltModel model = BuiltModel.build(ctx.plan().model(), ctx.spec().runtime(), ctx.graph().inputTransform(),
                ctx.trainSet().shape(),
                ctx.trainSet().numClasses(), ctx.preprocessing().levels(), seed, ctx.spec().seed(), Set.of());
        built.add(model);
        TrainSpec budget = withOverrides(ctx.spec().train(), request.overrides());
        long total = Trainer.totalSteps(budget, request.trainingSet().size());
        LOG.info("{}: training a {} model, {} steps on {} images", name, ctx.spec().model().type(), total,
                request.trainingSet().size());
        ctx.progress().start("train " + name, total);
        try {
            new Trainer(model.runtime(), model.graph(), model.model(), budget).train(request.trainingSet(),
                    ctx.preprocessing(), seed, (step, all, metrics) -> {
                        metrics.forEach((k, v) -> ctx.tracker().logMetric("train/" + name + "/" + k, v, step));
                        ctx.progress().update(step, metrics);
                    });
        } catch (RunFailedException e) {
            throw new RunFailedException(name + ": " + e.getMessage(), e);
        } finally {
            ctx.progress().finish();
        }
        return new GraphTrainedModel(name, model.runtime(), model.graph(), model.model(), ctx);
    }

    /**
     * The run's training settings with the request's changes: another budget ({@code steps}, else
     * {@code epochs}) and another weight decay; every other setting is the run's.
     */
    static TrainSpec withOverrides(TrainSpec base, TrainingOverrides overrides) {
        if (overrides.equals(TrainingOverrides.NONE)) return base;
        ObjectNode node = SpecJson.mapper().valueToTree(base);
        if (overrides.steps() != null) {
            node.put("steps", overrides.steps());
        } else if (overrides.epochs() != null) {
            node.putNull("steps");
            node.put("epochs", overrides.epochs());
        }
        if (overrides.weightDecay() != null) {
            ((ObjectNode) node.get("optimizer")).put("weight_decay", overrides.weightDecay());
        }
        try {
            return SpecJson.mapper().treeToValue(node, TrainSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy the training settings: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (BuiltModel m : built) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        built.clear();
        if (first != null) throw first;
    }
}
