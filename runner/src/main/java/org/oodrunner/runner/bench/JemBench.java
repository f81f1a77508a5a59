package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.runner.bench.PlannedModelTiming.Rate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench jem}: training and scoring images/s of the JEM a spec describes, on
 * random labelled images of its training set's shape (a graph's cost does not depend on pixel
 * values), through the trainer and evaluator a run uses ({@link PlannedModelTiming}: SGLD chain,
 * replay buffer and step counter updates included). What {@code runner bench models} does not: in
 * the same rounds it trains the same network as a plain classifier ({@code model.px_weight=0}), so
 * the cost of the log p(x) term comes out as a ratio measured in one process.
 */
@Command(name = "jem", mixinStandardHelpOptions = true,
        description = "JEM train and score images/s for a spec, and its training cost against the same network as a "
                + "plain classifier.")
public final class JemBench implements Callable<Integer> {
    @Option(names = "--spec", defaultValue = "experiments/fashion_vs_mnist_jem.yaml",
            description = "a spec with a jem model (default: ${DEFAULT-VALUE})")
    Path specFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--train-steps", defaultValue = "10", description = "timed training steps (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed training steps first, at least 1 "
            + "(default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--score-images", defaultValue = "2048", description = "images scored per round "
            + "(default: ${DEFAULT-VALUE})")
    int scoreImages;

    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds; medians are reported "
            + "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (warmup < 1) throw new picocli.CommandLine.ParameterException(command.commandLine(), "--warmup must be at least 1");
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        ExperimentPlan jem = plan(loader, planner, overrides);
        List<String> asClassifier = new ArrayList<>(overrides);
        asClassifier.add("model.px_weight=0");
        ExperimentPlan classifier = plan(loader, planner, asClassifier);
        ExperimentSpec spec = jem.resolved().spec();
        ImageShape shape = jem.train().source().shape();
        int classes = jem.train().source().numClasses();
        int batch = spec.train().batchSize();
        ImageSet images = SyntheticImages.labelled(shape, classes, Math.max(batch * 8, scoreImages), spec.seed());
        Preprocessing preprocessing = new Preprocessing(spec.data().preprocess());

        PrintWriter out = command.commandLine().getOut();
        Map<String, String> p = Provenance.collect(null);
        out.printf(Locale.ROOT, "runner bench jem  %s  %s, %s, Java %s, TensorFlow %s%n", LocalDate.now(), MachineInfo.machine(),
                p.get("os"), p.get("java_version"), p.get("tensorflow_version"));
        out.printf(Locale.ROOT, "spec %s (%s), model %s; images %s, %d classes; train batch %d, score batch %d%n",
                specFile, jem.resolved().runName(), spec.model().params(), shape, classes, batch,
                spec.eval().batchSize());
        out.printf(Locale.ROOT, "%d timed training steps after %d, %d images scored; medians of %d interleaved rounds%n%n",
                trainSteps, warmup, scoreImages, rounds);
        out.flush();

        String loadStart = MachineInfo.loadAverage();
        List<Rate> jemTrain = new ArrayList<>();
        List<Rate> classifierTrain = new ArrayList<>();
        List<Rate> jemScore = new ArrayList<>();
        long parameters = 0;
        for (int r = 0; r < rounds; r++) {
            // Alternate which variant goes first, so neither always runs on a warmer (or busier) machine.
            if (r % 2 == 0) {
                jemTrain.add(PlannedModelTiming.train(jem, images, preprocessing, warmup, trainSteps));
                classifierTrain.add(PlannedModelTiming.train(classifier, images, preprocessing, warmup, trainSteps));
            } else {
                classifierTrain.add(PlannedModelTiming.train(classifier, images, preprocessing, warmup, trainSteps));
                jemTrain.add(PlannedModelTiming.train(jem, images, preprocessing, warmup, trainSteps));
            }
            jemScore.add(PlannedModelTiming.score(jem, images, preprocessing, scoreImages));
        }
        try (BuiltModel b = PlannedModelTiming.build(jem, images, preprocessing)) {
            parameters = b.graph().parameters().count();
        }
        Rate jt = Rate.median(jemTrain);
        Rate ct = Rate.median(classifierTrain);
        Rate js = Rate.median(jemScore);
        out.printf(Locale.ROOT, "parameters: %d%n", parameters);
        out.println("                               images/s   images per CPU-s");
        out.printf(Locale.ROOT, "train, jem                    %9.1f   %9.1f%n", jt.perSecond(), jt.perCpuSecond());
        out.printf(Locale.ROOT, "train, same net as classifier %9.1f   %9.1f%n", ct.perSecond(), ct.perCpuSecond());
        out.printf(Locale.ROOT, "score, jem                    %9.1f   %9.1f   (fetching %s)%n", js.perSecond(),
                js.perCpuSecond(), PlannedModelTiming.scoredQuantities(jem));
        out.printf(Locale.ROOT, "a JEM training step costs %.1fx a classifier step (wall), %.1fx (CPU)%n",
                ct.perSecond() / jt.perSecond(), ct.perCpuSecond() / jt.perCpuSecond());
        out.printf(Locale.ROOT, "load average (1 min) at start %s, at end %s: other processes share these cpus%n",
                loadStart, MachineInfo.loadAverage());
        out.flush();
        return 0;
    }

    private ExperimentPlan plan(SpecLoader loader, ExperimentPlanner planner, List<String> sets) {
        var runs = loader.load(specFile, specFile.toString(), new SpecLoader.Options(sets, 1, System::getenv));
        ExperimentPlan plan = planner.plan(runs.get(0));
        if (!plan.resolved().spec().model().type().equals("jem")) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(), specFile + " describes a '"
                    + plan.resolved().spec().model().type() + "' model, not jem");
        }
        return plan;
    }
}
