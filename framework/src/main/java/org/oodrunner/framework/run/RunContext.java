package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.oodrunner.framework.classification.Classification;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.BatchTestResult;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.TrainedModel;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.metrics.ConfidenceInterval;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.track.Tracker;

/**
 * Everything a run has made so far. Stages read what earlier stages wrote here and add their
 * own results; they never call each other.
 */
public final class RunContext implements AutoCloseable {
    private final ExperimentPlan plan;
    private final RunFiles files;
    private final Tracker tracker;
    private final Progress progress;
    private final Preprocessing preprocessing;

    private final StopSignal stopSignal;
    // Written by the data stage.
    private ImageSet trainSet;
    private ImageSet validationSet;
    private final Map<String, ImageSet> evaluationSets = new LinkedHashMap<>();
    // Written by the model stage.
    private TfRuntime runtime;
    private GraphContext graph;
    private ModelGraph modelGraph;
    // Set by `runner evaluate` before the stages run: the run whose weights are evaluated instead of training.
    private TrainedRun evaluatedRun;
    // Written by the training stage (or, when evaluating, the restore stage).
    private long trainedSteps;
    private final Map<String, Double> finalTrainingMetrics = new LinkedHashMap<>();
    // Written by the scoring stage: dataset label -> quantity -> values; scorer -> dataset -> scores.
    private final Map<String, Map<Quantity, PerExample>> quantities = new LinkedHashMap<>();
    private final Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    // Written by the classification stage: dataset label -> how well the model's logits predict its labels.
    private final Map<String, Classification> classification = new LinkedHashMap<>();
    // Written by the metrics stage: scorer -> OOD label -> metric -> value.
    private final Map<String, Map<String, Map<String, Double>>> metrics = new LinkedHashMap<>();
    // Also by the metrics stage: the bootstrap interval of each value above, same keys.
    private final Map<String, Map<String, Map<String, ConfidenceInterval>>> metricIntervals = new LinkedHashMap<>();
    // Also by the metrics stage: scorer -> OOD label -> one result per batch size (batch-level tests).
    private final Map<String, Map<String, List<BatchTestResult>>> batchTests = new LinkedHashMap<>();
    // Written by the analysis stage: analysis name -> its results, as they go into results.json.
    private final ObjectNode analyses = JsonNodeFactory.instance.objectNode();

    public RunContext(ExperimentPlan plan, RunFiles files, Tracker tracker, Progress progress) {
        this(plan, files, tracker, progress, new StopSignal());
    }

    /** @param stopSignal polled by long stages (training) to stop at a safe point */
    public RunContext(ExperimentPlan plan, RunFiles files, Tracker tracker, Progress progress, StopSignal stopSignal) {
        this.plan = plan;
        this.files = files;
        this.tracker = tracker;
        this.progress = progress;
        this.stopSignal = stopSignal;
        // On a classifier's features the model sees continuous vectors: no levels, no dequantisation.
        this.preprocessing = plan.resolved().spec().data().features() != null ? Preprocessing.continuous()
                : new Preprocessing(plan.resolved().spec().data().preprocess());
    }

    public StopSignal stopSignal() {
        return stopSignal;
    }

    public ExperimentPlan plan() {
        return plan;
    }

    public ExperimentSpec spec() {
        return plan.resolved().spec();
    }

    public RunFiles files() {
        return files;
    }

    public Path dir() {
        return files.dir();
    }

    public Tracker tracker() {
        return tracker;
    }

    public Progress progress() {
        return progress;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public ImageSet trainSet() {
        return require(trainSet, "training set");
    }

    public void setTrainSet(ImageSet set) {
        this.trainSet = set;
    }

    /** The validation set held out of the training set, when the spec asks for one. */
    public Optional<ImageSet> validationSet() {
        return Optional.ofNullable(validationSet);
    }

    public void setValidationSet(ImageSet set) {
        this.validationSet = set;
    }

    /** In-distribution test set first, then OOD sets, by label. */
    public Map<String, ImageSet> evaluationSets() {
        return evaluationSets;
    }

    public TfRuntime runtime() {
        return require(runtime, "TensorFlow runtime");
    }

    public GraphContext graph() {
        return require(graph, "graph");
    }

    public ModelGraph modelGraph() {
        return require(modelGraph, "model graph");
    }

    public void setModel(TfRuntime runtime, GraphContext graph, ModelGraph modelGraph) {
        this.runtime = runtime;
        this.graph = graph;
        this.modelGraph = modelGraph;
    }

    /** The run's model as scorers and analyses evaluate it, once trained. */
    public TrainedModel runModel() {
        return new GraphTrainedModel("score", runtime(), graph(), modelGraph(), this);
    }

    /** The trained run this context evaluates (runner evaluate); empty in a run that trains. */
    public Optional<TrainedRun> evaluatedRun() {
        return Optional.ofNullable(evaluatedRun);
    }

    public void setEvaluatedRun(TrainedRun run) {
        this.evaluatedRun = run;
    }

    public long trainedSteps() {
        return trainedSteps;
    }

    public void setTrainedSteps(long steps) {
        this.trainedSteps = steps;
    }

    public Map<String, Double> finalTrainingMetrics() {
        return finalTrainingMetrics;
    }

    public Map<String, Map<Quantity, PerExample>> quantities() {
        return quantities;
    }

    public Map<String, Map<String, double[]>> scores() {
        return scores;
    }

    public Map<String, Classification> classification() {
        return classification;
    }

    public Map<String, Map<String, Map<String, Double>>> metrics() {
        return metrics;
    }

    public Map<String, Map<String, Map<String, ConfidenceInterval>>> metricIntervals() {
        return metricIntervals;
    }

    public Map<String, Map<String, List<BatchTestResult>>> batchTests() {
        return batchTests;
    }

    public ObjectNode analyses() {
        return analyses;
    }

    /** The label of the in-distribution test set. */
    public String testLabel() {
        return plan.test().label();
    }

    public List<String> oodLabels() {
        return plan.ood().stream().map(PlannedDataset::label).toList();
    }

    private static <T> T require(T value, String what) {
        if (value == null) throw new IllegalStateException("no " + what + " yet: a stage ran out of order");
        return value;
    }

    @Override
    public void close() {
        if (runtime != null) runtime.close();
    }
}
