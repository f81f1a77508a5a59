package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.OpSeeds;
import org.oodrunner.framework.tf.Parameters;
import org.oodrunner.framework.tf.SampleDrawer;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.tf.TrainStep;
import org.oodrunner.framework.tf.LearningRateSchedule;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench models SPEC...}: training and scoring throughput of the model each spec
 * describes, at the spec's batch sizes, on random images of the training set's shape (the
 * graph's cost does not depend on pixel values; nothing is loaded). Training is the full
 * optimiser step (forward, backward, update); scoring fetches {@code log_likelihood} as the
 * score stage does. Optionally times the model's sampler.
 */
@Command(name = "models", description = "Train and score images/s of the models of the given specs, on random images of "
        + "their shape, at their batch sizes.")
public final class ModelThroughputBench implements Callable<Integer> {
    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "SPEC", description = "spec files (YAML); a grid benchmarks every point")
    List<Path> specs;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec value (repeatable), e.g. --set train.batch_size=32")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--train-steps", defaultValue = "20", description = "timed training steps (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(names = "--score-batches", defaultValue = "10", description = "timed scoring batches (default: ${DEFAULT-VALUE})")
    int scoreBatches;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps and batches first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--samples", defaultValue = "0",
            description = "also time drawing this many samples, when the model has a sampler (default: ${DEFAULT-VALUE})")
    int samples;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        PrintWriter out = command.commandLine().getOut();
        out.println("# " + machine() + ", " + LocalDate.now() + "; random images, timings after " + warmup + " warm-up steps");
        out.println("spec\tmodel\tparameters\tshape\ttrain_batch\ttrain_img_per_s\ttrain_img_per_cpu_s\tscore_batch"
                + "\tscore_img_per_s\tscore_img_per_cpu_s"
                + (samples > 0 ? "\tsamples\tsample_s" : ""));
        SpecLoader.Options options = new SpecLoader.Options(overrides, 512, System::getenv);
        for (Path file : specs) {
            for (ResolvedSpec r : loader.load(file, file.toString(), options)) {
                out.println(measure(r.runName(), planner.plan(r)));
                out.flush();
            }
        }
        return 0;
    }

    private String measure(String name, ExperimentPlan plan) {
        ExperimentSpec spec = plan.resolved().spec();
        ImageShape shape = plan.train().source().shape();
        Preprocessing preprocessing = new Preprocessing(spec.data().preprocess());
        try (TfRuntime runtime = new TfRuntime(spec.runtime())) {
            Ops tf = runtime.tf();
            Placeholder<TFloat32> feed = tf.withName("images").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
            Placeholder<TInt32> labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            InputTransform transform = InputTransform.identity();
            InputTransform.Result input = transform.forward(tf.withSubScope("input_transform"), feed);
            int classes = plan.train().source().numClasses();
            GraphContext g = new GraphContext(runtime.graph(), tf, shape, classes, preprocessing.levels(), feed, input.output(),
                    input.logDetJacobian(), transform, labels, new Parameters(), new OpSeeds(spec.seed()));
            ModelGraph model = plan.model().build(g);
            TrainStep step = TrainStep.build(tf, model.loss(), g.parameters().all(), spec.train().optimizer());
            Session session = runtime.session();

            int trainBatch = spec.train().batchSize();
            int scoreBatch = spec.eval().batchSize();
            Rate trainRate;
            Rate scoreRate;
            try (TFloat32 x = images(shape, trainBatch, preprocessing, spec.seed());
                    TInt32 y = TensorIO.ints(new int[trainBatch], trainBatch);
                    TFloat32 lr = TensorIO.scalar((float) new LearningRateSchedule(spec.train().optimizer(), 1).rate(0))) {
                trainRate = timed(warmup, trainSteps, trainBatch, () -> {
                    Session.Runner runner = session.runner().feed(feed, x).feed(step.learningRate(), lr).addTarget(step.update())
                            .fetch(model.loss());
                    if (classes > 0) runner.feed(labels, y);
                    try (Result ignored = runner.run()) {
                        // the step is the result
                    }
                });
            }
            Operand<TFloat32> score = model.output(Quantity.LOG_LIKELIHOOD);
            try (TFloat32 x = images(shape, scoreBatch, preprocessing, spec.seed() + 1);
                    TInt32 y = TensorIO.ints(new int[scoreBatch], scoreBatch)) {
                scoreRate = timed(warmup, scoreBatches, scoreBatch, () -> {
                    Session.Runner runner = session.runner().feed(feed, x).fetch(score);
                    if (classes > 0) runner.feed(labels, y);
                    try (Result ignored = runner.run()) {
                        // fetched and dropped, as a throughput measure
                    }
                });
            }
            String row = String.join("\t", name, spec.model().type(), String.valueOf(g.parameters().count()), shape.toString(),
                    String.valueOf(trainBatch), fmt(trainRate.perSecond()), fmt(trainRate.perCpuSecond()),
                    String.valueOf(scoreBatch), fmt(scoreRate.perSecond()), fmt(scoreRate.perCpuSecond()));
            if (samples > 0 && model.sampler().isPresent()) {
                SampleDrawer drawer = new SampleDrawer(session, model.sampler().get(), shape);
                long t0 = System.nanoTime();
                drawer.draw(samples, 1f);
                row += "\t" + samples + "\t" + fmt((System.nanoTime() - t0) / 1e9);
            }
            return row;
        }
    }

    /**
     * Images per wall-clock second, and per second of this process's CPU time (all threads,
     * TensorFlow's included): on a machine others share, the second is the stable one, and on
     * an idle machine the first is about the second times the cores TensorFlow keeps busy.
     */
    record Rate(double perSecond, double perCpuSecond) {}

    /** Runs {@code warm} untimed then {@code timed} timed repetitions. */
    private static Rate timed(int warm, int timed, int batch, Runnable step) {
        for (int i = 0; i < warm; i++) step.run();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < timed; i++) step.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpuNanos() - cpu0) / 1e9;
        double images = (double) timed * batch;
        // CPU time is counted in scheduler ticks: too short a run reads 0, and no rate.
        return new Rate(images / wall, cpu > 0 ? images / cpu : Double.NaN);
    }

    private static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static TFloat32 images(ImageShape shape, int n, Preprocessing preprocessing, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes = new byte[shape.dims()];
        float[] x = new float[n * shape.dims()];
        for (int i = 0; i < n; i++) {
            random.nextBytes(bytes);
            preprocessing.toFloats(bytes, x, i * shape.dims(), random);
        }
        return TensorIO.floats(x, n, shape.height(), shape.width(), shape.channels());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    /** CPU model and core count, as docs/benchmarks.md records them. */
    static String machine() {
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
