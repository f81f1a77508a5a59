package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ChannelStatistics;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransforms;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench jem}: training and scoring images/s of the JEM a spec describes, on
 * random labelled images of its training set's shape (a graph's cost does not depend on pixel
 * values), through the {@link Trainer} a run uses (SGLD chain, replay buffer and step counter
 * updates included) and the {@link Evaluator} the score stage uses (logits and log p(x)). In
 * the same rounds it trains the same network as a plain classifier ({@code model.px_weight=0}),
 * so the cost of the log p(x) term comes out as a ratio measured in one process.
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

    /** Images per wall-clock second and per second of the process's CPU time (all threads). */
    private record Rate(double perSecond, double perCpuSecond) {}

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
        ImageSet images = images(shape, classes, Math.max(batch * 8, scoreImages), spec.seed());
        Preprocessing preprocessing = new Preprocessing(spec.data().preprocess());

        PrintWriter out = command.commandLine().getOut();
        Map<String, String> p = Provenance.collect(null);
        out.printf(Locale.ROOT, "runner bench jem  %s  %s, %s, Java %s, TensorFlow %s%n", LocalDate.now(), machine(),
                p.get("os"), p.get("java_version"), p.get("tensorflow_version"));
        out.printf(Locale.ROOT, "spec %s (%s), model %s; images %s, %d classes; train batch %d, score batch %d%n",
                specFile, jem.resolved().runName(), spec.model().params(), shape, classes, batch,
                spec.eval().batchSize());
        out.printf(Locale.ROOT, "%d timed training steps after %d, %d images scored; medians of %d interleaved rounds%n%n",
                trainSteps, warmup, scoreImages, rounds);
        out.flush();

        String loadStart = loadAverage();
        List<Rate> jemTrain = new ArrayList<>();
        List<Rate> classifierTrain = new ArrayList<>();
        List<Rate> jemScore = new ArrayList<>();
        long parameters = 0;
        for (int r = 0; r < rounds; r++) {
            // Alternate which variant goes first, so neither always runs on a warmer (or busier) machine.
            if (r % 2 == 0) {
                jemTrain.add(train(jem, images, preprocessing));
                classifierTrain.add(train(classifier, images, preprocessing));
            } else {
                classifierTrain.add(train(classifier, images, preprocessing));
                jemTrain.add(train(jem, images, preprocessing));
            }
            try (Built b = build(jem, images, preprocessing)) {
                parameters = b.graph().parameters().count();
                jemScore.add(score(b, jem, images, preprocessing));
            }
        }
        Rate jt = median(jemTrain);
        Rate ct = median(classifierTrain);
        Rate js = median(jemScore);
        out.printf(Locale.ROOT, "parameters: %d%n", parameters);
        out.println("                               images/s   images per CPU-s");
        out.printf(Locale.ROOT, "train, jem                    %9.1f   %9.1f%n", jt.perSecond(), jt.perCpuSecond());
        out.printf(Locale.ROOT, "train, same net as classifier %9.1f   %9.1f%n", ct.perSecond(), ct.perCpuSecond());
        out.printf(Locale.ROOT, "score, jem (logits, log p(x)) %9.1f   %9.1f%n", js.perSecond(), js.perCpuSecond());
        out.printf(Locale.ROOT, "a JEM training step costs %.1fx a classifier step (wall), %.1fx (CPU)%n",
                ct.perSecond() / jt.perSecond(), ct.perCpuSecond() / jt.perCpuSecond());
        out.printf(Locale.ROOT, "load average (1 min) at start %s, at end %s: other processes share these cpus%n",
                loadStart, loadAverage());
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

    private record Built(TfRuntime runtime, GraphContext graph, ModelGraph model) implements AutoCloseable {
        @Override
        public void close() {
            runtime.close();
        }
    }

    /** The model's graph as the model stage builds it (the run's input transform included). */
    private static Built build(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing) {
        ExperimentSpec spec = plan.resolved().spec();
        TfRuntime runtime = new TfRuntime(spec.runtime());
        try {
            GraphContext g = GraphContext.create(runtime, images.shape(), images.numClasses(), preprocessing.levels(),
                    InputTransforms.of(spec.data().preprocess(), () -> ChannelStatistics.of(images, preprocessing)),
                    spec.seed());
            return new Built(runtime, g, plan.model().build(g));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private Rate train(ExperimentPlan plan, ImageSet images, Preprocessing preprocessing) {
        ExperimentSpec spec = plan.resolved().spec();
        TrainSpec budget = new TrainSpec(warmup + trainSteps, 1, spec.train().batchSize(), spec.train().optimizer(), warmup);
        try (Built b = build(plan, images, preprocessing)) {
            long[] marks = new long[4];
            TrainingListener timer = (step, total, metrics) -> {
                if (step == warmup) {
                    marks[0] = System.nanoTime();
                    marks[2] = cpuNanos();
                }
                if (step == total) {
                    marks[1] = System.nanoTime();
                    marks[3] = cpuNanos();
                }
            };
            new Trainer(b.runtime(), b.graph(), b.model(), budget).train(images, preprocessing, spec.seed(), timer);
            return rate((long) trainSteps * spec.train().batchSize(), marks[1] - marks[0], marks[3] - marks[2]);
        }
    }

    private Rate score(Built b, ExperimentPlan plan, ImageSet images, Preprocessing preprocessing) {
        ExperimentSpec spec = plan.resolved().spec();
        ImageSet set = images.select(java.util.stream.IntStream.range(0, scoreImages).toArray(), "score");
        Evaluator evaluator = new Evaluator(b.runtime(), b.graph(), b.model());
        Set<Quantity> wanted = Set.of(Quantity.LOGITS, Quantity.LOG_LIKELIHOOD);
        evaluator.evaluate(set, wanted, preprocessing, spec.eval().batchSize(), spec.seed(), null); // warm-up pass
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        evaluator.evaluate(set, wanted, preprocessing, spec.eval().batchSize(), spec.seed(), null);
        return rate(scoreImages, System.nanoTime() - t0, cpuNanos() - c0);
    }

    private static Rate rate(long images, long wallNanos, long cpuNanos) {
        return new Rate(images / (wallNanos / 1e9), cpuNanos > 0 ? images / (cpuNanos / 1e9) : Double.NaN);
    }

    private static ImageSet images(ImageShape shape, int classes, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[][] images = new byte[n][shape.dims()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            r.nextBytes(images[i]);
            labels[i] = r.nextInt(classes);
        }
        return new ImageSet("bench", shape, images, labels, classes);
    }

    private static Rate median(List<Rate> rates) {
        return new Rate(median(rates.stream().mapToDouble(Rate::perSecond).toArray()),
                median(rates.stream().mapToDouble(Rate::perCpuSecond).toArray()));
    }

    private static double median(double[] a) {
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** CPU time of the whole process (TensorFlow's threads included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1-minute load average (Linux), or "?" elsewhere. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** CPU model and core count. */
    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (java.io.IOException | SecurityException e) {
            // not Linux: the core count still says something
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
