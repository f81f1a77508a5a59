package org.oodrunner.framework.run.stages;

import java.util.Arrays;
import java.util.Map;
import org.oodrunner.framework.data.ChannelStatistics;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.DerivedQuantities;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.InputTransforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the model's graph on the training data's shape: the feed placeholder, the run's input
 * transform, the model, the log-likelihood corrected by the transform's log-Jacobian, and the
 * derived quantities the scorers need (see {@link BuiltModel}).
 */
public final class ModelStage implements Stage {
    /** The params that record normalisation statistics measured on the training set. */
    public static final String MEASURED_MEAN = "data.preprocess.measured_mean";
    public static final String MEASURED_STD = "data.preprocess.measured_std";
    private static final Logger LOG = LoggerFactory.getLogger(ModelStage.class);

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void run(RunContext ctx) {
        var model = ctx.plan().model();
        InputTransform transform = InputTransforms.of(ctx.spec().data().preprocess(), () -> measured(ctx));
        BuiltModel built = BuiltModel.build(model, ctx.spec().runtime(), transform, ctx.trainSet().shape(),
                ctx.trainSet().numClasses(), ctx.preprocessing().levels(), ctx.spec().seed(),
                ctx.spec().seed(), DerivedQuantities.derivedAmong(ctx.plan().requiredQuantities(), model.provides()));
        ctx.setModel(built.runtime(), built.graph(), built.model());
        ctx.tracker().logParams(Map.of("model.parameter_count", String.valueOf(built.graph().parameters().count())));
        LOG.info("model {}: {} parameters", ctx.spec().model().type(), built.graph().parameters().count());
    }

    /** The training set's channel statistics for normalisation, logged so the run can be repeated exactly. */
    private static ChannelStatistics measured(RunContext ctx) {
        ChannelStatistics stats = ChannelStatistics.of(ctx.trainSet(), ctx.preprocessing());
        ctx.tracker().logParams(Map.of(MEASURED_MEAN, Arrays.toString(stats.mean()),
                MEASURED_STD, Arrays.toString(stats.std())));
        LOG.info("normalisation measured on {}: mean {}, std {}", ctx.trainSet().name(), Arrays.toString(stats.mean()),
                Arrays.toString(stats.std()));
        return stats;
    }
}
