package org.oodrunner.framework.run;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.oodrunner.framework.component.ComponentContext;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.Suggestions;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.FeaturesSpec;
import org.oodrunner.framework.spec.model.MetricRef;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.ScorerRef;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.DerivedQuantities;

/**
 * Makes the components a spec names and checks what the schema cannot: splits exist, every set
 * has one shape after preprocessing, the model fits the data, scorers get what they need from
 * the model, labels exist where needed, results have unique names.
 * Fails with a positioned {@link SpecError}; loads no data and builds no graph.
 */
public final class ExperimentPlanner {
    /** Column names of scores.csv that are not scorer labels. */
    private static final Set<String> RESERVED_SCORER_LABELS = Set.of("dataset", "role", "index", "model_bits_per_dim");

    private final ComponentRegistry registry;
    private final Path dataRoot;

    @Inject
    public ExperimentPlanner(ComponentRegistry registry, RunSettings settings) {
        this.registry = registry;
        this.dataRoot = settings.dataRoot();
    }

    public ExperimentPlan plan(ResolvedSpec resolved) {
        ExperimentSpec spec = resolved.spec();
        SourceMap src = resolved.sources();
        ComponentContext ctx = new ComponentContext(dataRoot, spec.seed());

        PlannedDataset train = dataset(spec.data().train(), "/data/train", src, ctx);
        PlannedDataset test = dataset(spec.data().test(), "/data/test", src, ctx);
        List<PlannedDataset> ood = new ArrayList<>();
        for (int i = 0; i < spec.data().ood().size(); i++) {
            ood.add(dataset(spec.data().ood().get(i), "/data/ood/" + i, src, ctx));
        }
        if (ood.isEmpty()) {
            throw new SpecError(src.value("/data/ood"), "data.ood lists no dataset; name at least one OOD set to compare with");
        }
        ImageShape shape = PreprocessCheck.check(spec.data().preprocess(), train, evaluation(test, ood), src);
        Set<String> labels = new HashSet<>();
        for (PlannedDataset d : ood) {
            if (d.label().equals(test.label()) || !labels.add(d.label())) {
                throw new SpecError(src.value(d.pointer()), "two evaluation sets are both named '" + d.label()
                        + "'; give one a `label:`");
            }
        }

        checkTraining(spec, src);
        Model model = registry.create(spec.model(), src, "/model", ctx);
        FeaturesSpec features = spec.data().features();
        if (features != null) checkFeatures(spec, src);
        // On features the model sees vectors [1, 1, dims] with no levels (Preprocessing.continuous()).
        ImageShape modelShape = features == null ? train.source().shape() : new ImageShape(1, 1, features.dims());
        int modelLevels = features == null ? spec.data().preprocess().levels() : 1;
        model.checkData(modelShape, modelLevels).ifPresent(bad -> {
            throw new SpecError(src.value(bad.param() == null ? "/model" : "/model/" + bad.param()), bad.problem());
        });
        if (model.trainsOnLabels() && train.source().numClasses() == 0) {
            throw new SpecError(src.value("/data/train"), "model '" + spec.model().type() + "' trains on class labels, "
                    + "but the training set '" + train.label() + "' has none; train it on a labelled dataset");
        }

        List<PlannedScorer> scorers = new ArrayList<>();
        Set<String> scorerLabels = new HashSet<>();
        for (int i = 0; i < spec.scorers().size(); i++) {
            ScorerRef ref = spec.scorers().get(i);
            String pointer = "/scorers/" + i;
            Scorer scorer = registry.create(ref, src, pointer, ctx);
            Set<Quantity> missing = new LinkedHashSet<>(scorer.requires());
            missing.removeAll(DerivedQuantities.available(model.provides()));
            if (!missing.isEmpty()) {
                throw new SpecError(src.value(pointer), "scorer '" + ref.type() + "' needs "
                        + String.join(", ", missing.stream().map(ExperimentPlanner::describe).toList()) + ", which model '"
                        + spec.model().type() + "' does not provide (it provides "
                        + String.join(", ", model.provides().stream().map(Quantity::name).toList()) + ")");
            }
            for (Quantity q : scorer.requires()) {
                String why = model.underivable().get(q);
                if (why != null && !model.provides().contains(q)) {
                    throw new SpecError(src.value(pointer), "scorer '" + ref.type() + "' needs " + describe(q)
                            + ", which model '" + spec.model().type() + "' cannot give: " + why);
                }
            }
            if (scorer.needsValidationSet() && spec.data().validation() == null) {
                throw new SpecError(src.value(pointer), "scorer '" + ref.type() + "' bootstraps its threshold on held-out "
                        + "data (Nalisnick et al. 2019, Algorithm 1), but the spec has no data.validation; set "
                        + "data.validation, e.g. {size: 0.1}, or threshold_from: training");
            }
            if (scorer.comparesModelsLikelihoods() && !model.normalizedLikelihood()) {
                throw new SpecError(src.value(pointer), "scorer '" + ref.type() + "' compares the log-likelihoods of "
                        + "separately trained models, but model '" + spec.model().type() + "' gives log p(x) only up to "
                        + "an unknown normaliser that differs from model to model, so their spread means nothing; "
                        + "remove this scorer for this model");
            }
            if (features != null && scorer.readsPixels()) {
                throw new SpecError(src.value(pointer), "scorer '" + ref.type() + "' reads the images' pixels, but with "
                        + "data.features the model sees a classifier's features; remove it or drop data.features");
            }
            if (RESERVED_SCORER_LABELS.contains(ref.name())) {
                throw new SpecError(src.value(pointer), "a scorer cannot be named '" + ref.name()
                        + "': scores.csv has a column of that name; give it another `name:`");
            }
            if (!scorerLabels.add(ref.name())) {
                throw new SpecError(src.value(pointer), "two scorers are both named '" + ref.name() + "'; give one a `name:`");
            }
            scorers.add(new PlannedScorer(ref.name(), ref.type(), scorer));
        }
        if (scorers.isEmpty()) {
            throw new SpecError(src.value("/scorers"), "scorers is empty; name at least one, e.g. [log_likelihood]");
        }

        List<PlannedMetric> metrics = new ArrayList<>();
        Set<String> metricNames = new HashSet<>();
        for (int i = 0; i < spec.metrics().size(); i++) {
            MetricRef ref = spec.metrics().get(i);
            Metric metric = registry.create(ref, src, "/metrics/" + i, ctx);
            if (!metricNames.add(ref.type())) {
                throw new SpecError(src.value("/metrics/" + i), "metric '" + ref.type() + "' is listed twice");
            }
            metrics.add(new PlannedMetric(ref.type(), metric));
        }
        checkAnalyses(spec, src, shape, model);
        return new ExperimentPlan(resolved, train, test, ood, model, scorers, metrics);
    }

    /** Training options that only make sense together. */
    private static void checkTraining(ExperimentSpec spec, SourceMap src) {
        TrainSpec train = spec.train();
        if (train.optimizer().schedule() == OptimizerSpec.Schedule.STEP && train.optimizer().decayEvery() == null) {
            throw new SpecError(src.value("/train/optimizer/schedule"),
                    "the step schedule needs train.optimizer.decay_every (steps between decays)");
        }
        if (spec.data().validation() == null) {
            if (train.earlyStopping() != null) {
                throw new SpecError(src.value("/train/early_stopping"), "early stopping needs a validation set; "
                        + "set data.validation, e.g. {size: 0.05}");
            }
            if (train.evalEvery() != null) {
                throw new SpecError(src.value("/train/eval_every"), "train.eval_every needs a validation set; "
                        + "set data.validation, e.g. {size: 0.05}");
            }
        }
    }

    /** What cannot go with a model on features: an input transform (the classifier has its own), pixel analyses. */
    private static void checkFeatures(ExperimentSpec spec, SourceMap src) {
        if (spec.data().preprocess().transform() != PreprocessSpec.InputTransformKind.NONE) {
            throw new SpecError(src.value("/data/preprocess/transform"), "data.preprocess.transform applies to the "
                    + "model's input, which with data.features is the classifier's features; remove it (the "
                    + "classifier's SavedModel applies its own transform to the images)");
        }
        if (spec.analyses().secondMoment() || spec.analyses().graying()) {
            throw new SpecError(src.value("/analyses"), "analyses read the images' pixels, but with data.features the "
                    + "model sees a classifier's features; remove them or drop data.features");
        }
    }

    private static List<PlannedDataset> evaluation(PlannedDataset test, List<PlannedDataset> ood) {
        List<PlannedDataset> all = new ArrayList<>();
        all.add(test);
        all.addAll(ood);
        return all;
    }

    /** A quantity as a message names it: derived ones say what they are derived from. */
    private static String describe(Quantity q) {
        Quantity source = DerivedQuantities.SOURCES.get(q);
        return source == null ? q.name() : q.name() + " (derived from " + source.name() + ")";
    }

    /** @param shape the images' shape after load-time preprocessing */
    private static void checkAnalyses(ExperimentSpec spec, SourceMap src, ImageShape shape, Model model) {
        if (spec.analyses().graying()) {
            String at = "/analyses/graying";
            if (!model.provides().contains(Quantity.LOG_LIKELIHOOD)) {
                throw new SpecError(src.value(at), "analyses.graying compares log-likelihoods, which model '"
                        + spec.model().type() + "' does not provide; remove it or choose a density model");
            }
            if (shape.channels() != 3) {
                throw new SpecError(src.value(at), "analyses.graying needs color images (3 channels), but the images "
                        + "have " + shape.channels() + "; remove it for this data");
            }
        }
    }

    /** {@code range: [start, end]}: two bounds, 0 <= start < end, and end within the split where its size is known. */
    private static void checkRange(DatasetRef ref, DatasetSource source, String split, String pointer, SourceMap src) {
        String at = pointer + "/range";
        if (ref.range() == null) {
            if (ref.order() != null) {
                throw new SpecError(src.value(pointer + "/order"), "`order:` says what `range:` counts in, but this "
                        + "reference has no range; add `range: [start, end]` or remove `order:`");
            }
            return;
        }
        List<Integer> range = ref.range();
        if (range.size() != 2) {
            throw new SpecError(src.value(at), "range has " + range.size() + " number(s); write it as [start, end] "
                    + "(examples start..end-1 of the split), e.g. [0, 8000]");
        }
        int start = range.get(0);
        int end = range.get(1);
        if (start < 0) {
            throw new SpecError(src.value(at + "/0"), "range starts at " + start + "; the first example is 0, so give a "
                    + "start of 0 or more");
        }
        if (end <= start) {
            throw new SpecError(src.value(at + "/1"), "range [" + start + ", " + end + "] is empty: its end is exclusive "
                    + "and must be greater than its start; give an end above " + start);
        }
        OptionalInt size = source.size(split);
        if (size.isPresent() && end > size.getAsInt()) {
            throw new SpecError(src.value(at + "/1"), "range [" + start + ", " + end + "] ends past " + ref.dataset() + "/"
                    + split + ", which has " + size.getAsInt() + " examples; give an end of at most " + size.getAsInt());
        }
    }

    private PlannedDataset dataset(DatasetRef ref, String pointer, SourceMap src, ComponentContext ctx) {
        DatasetSource source;
        try {
            source = registry.create(ref, src, pointer, ctx);
        } catch (SpecError e) {
            throw e;
        } catch (BadInputException e) {
            // A dataset's own check of its parameters: point at the reference.
            throw new SpecError(src.value(pointer), e.getMessage(), e);
        }
        String split = ref.split() != null ? ref.split() : source.splits().get(0);
        if (!source.splits().contains(split)) {
            throw new SpecError(src.value(pointer + "/split"), "dataset '" + ref.dataset() + "' has no split '" + split + "'"
                    + Suggestions.hint(split, source.splits()));
        }
        if (ref.classes() != null) {
            if (source.numClasses() == 0) {
                throw new SpecError(src.value(pointer + "/classes"), "dataset '" + ref.dataset()
                        + "' has no labels, so it cannot be filtered by class");
            }
            for (int c : ref.classes()) {
                if (c >= source.numClasses()) {
                    throw new SpecError(src.value(pointer + "/classes"), "class " + c + " is out of range: '"
                            + ref.dataset() + "' has classes 0.." + (source.numClasses() - 1));
                }
            }
        }
        checkRange(ref, source, split, pointer, src);
        String label = ref.label() != null ? ref.label()
                : ref.dataset() + "/" + split + (ref.classes() == null ? "" : ref.classes().toString().replace(" ", ""));
        return new PlannedDataset(ref, source, split, label, pointer);
    }
}
