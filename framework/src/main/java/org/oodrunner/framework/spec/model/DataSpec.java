package org.oodrunner.framework.spec.model;

import java.util.List;
import org.oodrunner.framework.component.Param;

/** The dataset pair of an experiment: what the model learns from and what it should flag. */
public record DataSpec(
        @Param(doc = "the training set (in-distribution)") DatasetRef train,
        @Param(doc = "the in-distribution test set: the positive class of every metric") DatasetRef test,
        @Param(doc = "the out-of-distribution sets, each compared with the test set") List<DatasetRef> ood,
        @Param(doc = "preprocessing applied identically to every set of the run", value = "{}")
        PreprocessSpec preprocess,
        @Param(doc = "a validation set held out of the training set (for train.eval_every and early stopping); "
                + "null: none", value = "null") ValidationSpec validation,
        @Param(doc = "model a trained classifier's features of every set instead of its pixels (vectors [1, 1, D], "
                + "continuous: no dequantisation, bits/dim is -log2 p / D); null: pixels", value = "null")
        FeaturesSpec features) {

    /** The fields of the first version of this record; {@code features} takes its default. */
    public DataSpec(DatasetRef train, DatasetRef test, List<DatasetRef> ood, PreprocessSpec preprocess,
            ValidationSpec validation) {
        this(train, test, ood, preprocess, validation, null);
    }
}
