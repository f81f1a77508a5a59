package org.oodrunner.framework.run.stages;

import org.oodrunner.framework.data.Holdout;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Subsets;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.PlannedDataset;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.spec.model.ValidationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the training set and every evaluation set, applies class filters and limits, holds out the validation set. */
public final class DataStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(DataStage.class);

    @Override
    public String name() {
        return "data";
    }

    @Override
    public void run(RunContext ctx) {
        long seed = ctx.spec().seed();
        ImageSet train = load(ctx.plan().train(), seed);
        ValidationSpec validation = ctx.spec().data().validation();
        if (validation != null) {
            Holdout.Split split = Holdout.split(train, validation.size(), seed);
            train = split.train();
            ctx.setValidationSet(split.validation());
            LOG.info("{}: {} images held out for validation, {} left for training", train.name(),
                    split.validation().size(), train.size());
        }
        ctx.setTrainSet(train);
        for (PlannedDataset d : ctx.plan().evaluationSets()) {
            ImageSet set = load(d, seed);
            if (!set.shape().equals(train.shape())) {
                throw new RunFailedException(d.label() + " has images of " + set.shape() + " but the model trains on "
                        + train.shape() + "; preprocess both to one shape");
            }
            ctx.evaluationSets().put(d.label(), set);
        }
    }

    private static ImageSet load(PlannedDataset d, long seed) {
        ImageSet set = d.source().load(d.split());
        set = Subsets.classes(set, d.ref().classes());
        set = Subsets.limit(set, d.ref().limit(), seed);
        if (set.size() == 0) {
            throw new RunFailedException(d.label() + " is empty after class filter and limit");
        }
        LOG.info("{}: {} images of {}", d.label(), set.size(), set.shape());
        return set.renamed(d.label());
    }
}
