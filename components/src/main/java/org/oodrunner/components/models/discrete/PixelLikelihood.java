package org.oodrunner.components.models.discrete;

/** The per-sub-pixel output distributions a spec can choose for a model of discrete pixels. */
public enum PixelLikelihood {
    /** Binary data only (data.preprocess.bits: 1): one logit per sub-pixel. */
    BERNOULLI,
    /** An L-way softmax per sub-pixel. */
    CATEGORICAL,
    /** A mixture of discretised logistics per sub-pixel (PixelCNN++). */
    DISCRETIZED_LOGISTIC;

    /** The distribution over {@code levels} levels; {@code components} is used by the logistic mixture only. */
    public PixelDistribution distribution(int levels, int components) {
        return switch (this) {
            case BERNOULLI -> {
                if (levels != 2) throw new IllegalArgumentException("a Bernoulli models 2 levels, not " + levels);
                yield new Bernoulli();
            }
            case CATEGORICAL -> new Categorical(levels);
            case DISCRETIZED_LOGISTIC -> new DiscretizedLogisticMixture(levels, components);
        };
    }
}
