package org.oodrunner.framework.tf;

import java.util.List;
import java.util.function.Supplier;
import org.oodrunner.framework.data.ChannelStatistics;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/** The run's {@link InputTransform}, as {@code data.preprocess} declares it. */
public final class InputTransforms {
    private InputTransforms() {}

    /**
     * @param trainingStatistics the training set's per-channel statistics, asked for only when
     *     normalisation leaves its mean or std to be measured
     */
    public static InputTransform of(PreprocessSpec spec, Supplier<ChannelStatistics> trainingStatistics) {
        return switch (spec.transform()) {
            case NONE -> InputTransform.identity();
            case LOGIT -> new LogitTransform(spec.logitAlpha());
            case NORMALIZE -> {
                ChannelStatistics measured = spec.mean() == null || spec.std() == null ? trainingStatistics.get() : null;
                yield new NormalizeTransform(spec.mean() != null ? array(spec.mean()) : measured.mean(),
                        spec.std() != null ? array(spec.std()) : measured.std());
            }
        };
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
