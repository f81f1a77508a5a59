package org.oodrunner.framework.run.stages;

import java.util.List;
import org.oodrunner.framework.data.Holdout;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Selection;
import org.oodrunner.framework.data.SplitRange;
import org.oodrunner.framework.data.transform.ImagePipeline;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.FeatureSets;
import org.oodrunner.framework.run.PlannedDataset;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.spec.model.ValidationSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the training set and every evaluation set: the examples that class filters and limits
 * select, each prepared by the load-time preprocessing (crop, resize, pad, channels, bits); holds
 * out the validation set.
 */
public final class DataStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(DataStage.class);

    @Override
    public String name() {
        return "data";
    }

    @Override
    public void run(RunContext ctx) {
        long seed = ctx.spec().seed();
        ImagePipeline pipeline = ImagePipeline.of(ctx.spec().data().preprocess());
        SourceMap src = ctx.plan().resolved().sources();
        ImageSet train = load(ctx.plan().train(), pipeline, seed, src);
        ValidationSpec validation = ctx.spec().data().validation();
        if (validation != null) {
            Holdout.Split split = Holdout.split(train, validation.size(), seed);
            train = split.train();
            ctx.setValidationSet(split.validation());
            LOG.info("{}: {} images held out for validation, {} left for training", train.name(),
                    split.validation().size(), train.size());
        }
        ctx.setTrainSet(train);
        if (!ctx.preprocessing().isContinuous()) {
            LOG.info("batches are converted to floats by the {} kernel", ctx.preprocessing().kernel());
        }
        for (PlannedDataset d : ctx.plan().evaluationSets()) {
            ImageSet set = load(d, pipeline, seed, src);
            if (!set.shape().equals(train.shape())) {
                throw new RunFailedException(d.label() + " has images of " + set.shape() + " but the model trains on "
                        + train.shape() + "; preprocess both to one shape");
            }
            ctx.evaluationSets().put(d.label(), set);
        }
        if (ctx.spec().data().features() != null) toFeatures(ctx);
    }

    /** Every set replaced by a classifier's features of it (data.features), computed once and cached in the run. */
    private static void toFeatures(RunContext ctx) {
        try (FeatureSets features = new FeatureSets(ctx.spec().data().features(), ctx.spec().data().preprocess(),
                ctx.spec().eval().batchSize(), ctx.dir())) {
            ctx.setTrainSet(features.features(ctx.trainSet()));
            ctx.validationSet().ifPresent(v -> ctx.setValidationSet(features.features(v)));
            ctx.evaluationSets().replaceAll((label, set) -> features.features(set));
        }
    }

    private static ImageSet load(PlannedDataset d, ImagePipeline pipeline, long seed, SourceMap src) {
        String name = d.ref().dataset() + "/" + d.split();
        List<Integer> range = d.ref().range();
        SplitRange slice = range == null ? null
                : new SplitRange(range.get(0), range.get(1), d.ref().order() == DatasetRef.Order.SHUFFLED);
        Selection selection = new Selection(d.ref().classes(), d.ref().limit(), slice, seed, name);
        ImageSet set;
        try {
            set = d.source().load(d.split(), new LoadRequest(name, pipeline, selection));
        } catch (SplitRange.BeyondSplit e) {
            // Only loading told this split's size: point at the range in the spec all the same.
            throw new SpecError(src.value(d.pointer() + "/range/1"), "range [" + slice.start() + ", " + slice.end()
                    + "] ends past " + name + ", which has " + e.size() + " examples; give an end of at most " + e.size(), e);
        }
        if (set.size() == 0) {
            throw new RunFailedException(d.label() + " is empty after range, class filter and limit");
        }
        LOG.info("{}: {} images of {}", d.label(), set.size(), set.shape());
        return set.renamed(d.label());
    }
}
