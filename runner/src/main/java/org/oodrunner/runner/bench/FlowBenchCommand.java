package org.oodrunner.runner.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import com.google.inject.Injector;
import org.oodrunner.components.models.flows.bijectors.ScaleFunction;
import org.oodrunner.components.models.flows.masks.MaskType;
import org.oodrunner.components.models.flows.realnvp.RealNvpModel;
import org.oodrunner.components.models.flows.realnvp.RealNvpParams;
import org.oodrunner.components.models.flows.stnets.BottleneckType;
import org.oodrunner.components.models.flows.stnets.StNetParams;
import org.oodrunner.components.models.flows.stnets.StNetType;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.RecordBinder;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench flows}: training and scoring images/s of the flow models the given specs
 * describe (at each spec's image shape and batch sizes, on random images, which cost the same
 * as real ones), and the framework's RealNVP training step against the same network written
 * directly in TensorFlow Java, timed in alternating rounds in one process so that other load on
 * the machine hits both alike.
 */
@Command(name = "flows", mixinStandardHelpOptions = true, description = "Training and scoring images/s of flows; the framework's RealNVP step against "
        + "a hand-written TensorFlow graph of the same network.")
public final class FlowBenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SPEC", arity = "0..*",
            description = "specs whose models to time (default: the flow specs in experiments/)")
    List<Path> specs = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "20", description = "training steps per timed round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--score-images", defaultValue = "2048", description = "images scored per round (default: ${DEFAULT-VALUE})")
    int scoreImages;

    @Option(names = "--score-batch", split = ",", paramLabel = "N",
            description = "scoring batch sizes to time, in the same rounds (default: each spec's eval.batch_size)")
    List<Integer> scoreBatches = new ArrayList<>();

    @Option(names = "--reference-rounds", defaultValue = "21",
            description = "rounds of the framework vs hand-written comparison (default: ${DEFAULT-VALUE})")
    int referenceRounds;

    @Option(names = "--reference-steps", defaultValue = "10",
            description = "training steps per round of that comparison (default: ${DEFAULT-VALUE})")
    int referenceSteps;

    @Option(names = "--no-reference", description = "skip the framework vs hand-written RealNVP comparison")
    boolean noReference;

    @Option(names = "--no-specs", description = "time only the framework vs hand-written RealNVP comparison")
    boolean noSpecs;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private static final long SEED = 0;
    private static final int REFERENCE_BATCH = 64;

    @Override
    public Integer call() {
        if (steps < 1 || rounds < 1 || scoreImages < 1 || referenceRounds < 1 || referenceSteps < 1
                || scoreBatches.stream().anyMatch(b -> b < 1)) {
            throw new BadInputException("--steps, --rounds, --score-images, --score-batch, --reference-rounds and "
                    + "--reference-steps must be positive");
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("# runner bench flows, " + LocalDate.now() + ": " + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + ", TensorFlow Java 1.1.0 (CPU); " + rounds + " rounds, medians");
        out.flush();
        if (!noSpecs) timeSpecs(out);
        if (!noReference) compareWithPlainGraph(out);
        return 0;
    }

    private List<Path> specFiles() {
        if (!specs.isEmpty()) return specs;
        List<Path> defaults = List.of(Path.of("experiments/fashion_vs_mnist_realnvp.yaml"),
                Path.of("experiments/fashion_vs_mnist_glow.yaml"), Path.of("experiments/fashion_vs_mnist_cvglow.yaml"));
        for (Path p : defaults) {
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p + " not found: run from the repository root, or name the specs to time "
                        + "(runner bench flows SPEC...)");
            }
        }
        return defaults;
    }

    /**
     * Each spec's model, timed in rounds that also time the hand-written reference RealNVP, so
     * the ratio to the reference survives other load on the machine better than images/s do.
     */
    private void timeSpecs(PrintWriter out) {
        List<Path> files = specFiles();
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        out.println();
        out.println("| spec | model | image | parameters | train batch | train img/s | train time / reference | "
                + "score img/s (batch) |");
        out.println("|---|---|---|---:|---:|---:|---:|---|");
        out.flush();
        List<float[]> referenceBatches = SyntheticImages.batches(SyntheticImages.of(new ImageShape(28, 28, 1), 512, SEED),
                new Preprocessing(bind(PreprocessSpec.class, "{}")), 8, REFERENCE_BATCH, SEED);
        try (PlainRealNvp reference = new PlainRealNvp(SEED)) {
            reference.train(referenceBatches, steps, 1e-4f);
            for (Path file : files) timeSpec(out, file, loader, planner, reference, referenceBatches);
        }
    }

    private void timeSpec(PrintWriter out, Path file, SpecLoader loader, ExperimentPlanner planner, PlainRealNvp reference,
            List<float[]> referenceBatches) {
        for (ResolvedSpec run : loader.load(file, file.toString(), new SpecLoader.Options(List.of(), 512, System::getenv))) {
            ExperimentPlan plan = planner.plan(run);
            ExperimentSpec spec = run.spec();
            ImageShape shape = plan.train().source().shape();
            ImageSet data = SyntheticImages.of(shape, Math.max(scoreImages, spec.train().batchSize()), SEED);
            Preprocessing pre = new Preprocessing(spec.data().preprocess());
            try (FrameworkFlowTiming timing = new FrameworkFlowTiming(plan.model(), data, spec.train(), spec.runtime(),
                    pre.levels(), spec.seed(), steps)) {
                List<Integer> batches = scoreBatches.isEmpty() ? List.of(spec.eval().batchSize()) : scoreBatches;
                timing.trainSeconds(data, pre);
                for (int b : batches) timing.scoreSeconds(data, pre, b);
                double[] train = new double[rounds];
                double[] relative = new double[rounds];
                double[][] score = new double[batches.size()][rounds];
                for (int r = 0; r < rounds; r++) {
                    double seconds = timing.trainSeconds(data, pre);
                    double referenceSeconds = reference.train(referenceBatches, steps, 1e-4f)[0];
                    train[r] = (double) steps * spec.train().batchSize() / seconds;
                    // Per image, so a spec with another batch size compares fairly.
                    relative[r] = (seconds / spec.train().batchSize()) / (referenceSeconds / REFERENCE_BATCH);
                    for (int b = 0; b < batches.size(); b++) {
                        score[b][r] = data.size() / timing.scoreSeconds(data, pre, batches.get(b));
                    }
                }
                StringBuilder scores = new StringBuilder();
                for (int b = 0; b < batches.size(); b++) {
                    scores.append(b == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f (%d)", Medians.of(score[b]),
                            batches.get(b)));
                }
                out.printf(Locale.ROOT, "| %s | %s | %s | %,d | %d | %.0f | %.2f | %s |%n", file.getFileName(),
                        (spec.model().type() + " " + SpecJson.mapper().valueToTree(spec.model().params()))
                                .replace("|", "\\|"), shape,
                        timing.parameterCount(), spec.train().batchSize(), Medians.of(train), Medians.of(relative), scores);
                out.flush();
            }
        }
    }

    /** The network of {@link PlainRealNvp} as the framework's {@code realnvp}. */
    static RealNvpParams referenceRealNvp() {
        StNetParams net = new StNetParams(StNetType.CONVNET, PlainRealNvp.HIDDEN, 1, 3, null, BottleneckType.CHANNELS);
        return new RealNvpParams(1, 1, PlainRealNvp.COUPLINGS, MaskType.CHECKERBOARD, net, false, ScaleFunction.TANH, true,
                false);
    }

    private void compareWithPlainGraph(PrintWriter out) {
        ImageShape shape = new ImageShape(28, 28, 1);
        ImageSet data = SyntheticImages.of(shape, 4096, SEED);
        Preprocessing pre = new Preprocessing(bind(PreprocessSpec.class, "{}"));
        TrainSpec train = bind(TrainSpec.class, "{batch_size: " + REFERENCE_BATCH + ", optimizer: {type: adam, lr: 1.0e-4}}");
        RuntimeSpec runtime = bind(RuntimeSpec.class, "{}");
        List<float[]> batches = SyntheticImages.batches(data, pre, 8, REFERENCE_BATCH, SEED);
        try (FrameworkFlowTiming framework = new FrameworkFlowTiming(new RealNvpModel(referenceRealNvp()), data, train,
                runtime, pre.levels(), SEED, referenceSteps);
                PlainRealNvp plain = new PlainRealNvp(SEED)) {
            if (framework.parameterCount() != plain.parameterCount()) {
                throw new IllegalStateException("the framework's network has " + framework.parameterCount()
                        + " parameters, the hand-written one " + plain.parameterCount());
            }
            framework.trainSeconds(data, pre);
            plain.train(batches, referenceSteps, 1e-4f);
            int n = referenceRounds;
            double[] frameworkRate = new double[n];
            double[] plainRate = new double[n];
            double[] wallRatio = new double[n];
            double[] cpuRatio = new double[n];
            for (int r = 0; r < n; r++) {
                // Alternate which goes first, so neither always inherits the other's warm caches.
                Timed f;
                Timed p;
                if (r % 2 == 0) {
                    f = Timed.of(() -> framework.trainSeconds(data, pre));
                    p = Timed.of(() -> plain.train(batches, referenceSteps, 1e-4f));
                } else {
                    p = Timed.of(() -> plain.train(batches, referenceSteps, 1e-4f));
                    f = Timed.of(() -> framework.trainSeconds(data, pre));
                }
                frameworkRate[r] = referenceSteps * REFERENCE_BATCH / f.wallSeconds();
                plainRate[r] = referenceSteps * REFERENCE_BATCH / p.wallSeconds();
                wallRatio[r] = f.wallSeconds() / p.wallSeconds();
                cpuRatio[r] = f.cpuSeconds() / p.cpuSeconds();
            }
            out.println();
            out.printf(Locale.ROOT, "RealNVP reference (28x28x1 squeezed to 14x14x4, %d affine checkerboard couplings, s/t "
                    + "conv3x3(%d)-ReLU-conv3x3(%d)-ReLU-conv3x3(8), %,d parameters, batch %d, Adam), %d rounds of %d "
                    + "steps each:%n", PlainRealNvp.COUPLINGS, PlainRealNvp.HIDDEN, PlainRealNvp.HIDDEN,
                    plain.parameterCount(), REFERENCE_BATCH, n, referenceSteps);
            out.println();
            out.println("| | train img/s (median) | rounds |");
            out.println("|---|---:|---|");
            out.printf(Locale.ROOT, "| framework (`realnvp` + Trainer) | %.0f | %s |%n", Medians.of(frameworkRate),
                    Medians.rounds(frameworkRate));
            out.printf(Locale.ROOT, "| hand-written TensorFlow Java graph | %.0f | %s |%n", Medians.of(plainRate),
                    Medians.rounds(plainRate));
            out.println();
            out.printf(Locale.ROOT, "framework / hand-written, wall time per step: median %.3f (rounds: %s)%n",
                    Medians.of(wallRatio), Medians.rounds(wallRatio));
            out.printf(Locale.ROOT, "framework / hand-written, process CPU time per step: median %.3f (rounds: %s)%n",
                    Medians.of(cpuRatio), Medians.rounds(cpuRatio));
            out.printf(Locale.ROOT, "framework overhead (median wall-time ratio - 1): %+.1f%%%n", (Medians.of(wallRatio) - 1) * 100);
            out.flush();
        }
    }

    private static <R extends Record> R bind(Class<R> type, String yaml) {
        try {
            var node = RecordBinder.withDefaults(SpecJson.parseYamlValue(yaml), type);
            return SpecJson.mapper().treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
