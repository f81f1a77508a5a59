package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.SampleDrawer;
import org.oodrunner.runner.bench.PlannedModelTiming.Rate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench models SPEC...}: training and scoring throughput of the model each spec
 * describes, at the spec's batch sizes, on random (labelled, for a model that trains on labels)
 * images of the training set's shape: the graph's cost does not depend on pixel values, and
 * nothing is loaded. Training and scoring go through the run's own code
 * ({@link PlannedModelTiming}): the whole training step with the model's step updates (JEM's
 * replay buffer) and background batch assembly; scoring fetches what the score stage fetches for
 * the spec's scorers. The specs are measured in interleaved rounds and medians reported, so
 * ratios between them are less disturbed by other processes on a shared machine.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Train and score images/s of the models of the given specs, on random images of their shape, at "
                + "their batch sizes, through the trainer and evaluator a run uses.")
public final class ModelThroughputBench implements Callable<Integer> {
    @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "SPEC", description = "spec files (YAML); a grid benchmarks every point")
    List<Path> specs;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec value (repeatable), e.g. --set train.batch_size=32")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--train-steps", defaultValue = "20", description = "timed training steps per round (default: ${DEFAULT-VALUE})")
    int trainSteps;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed training steps first, at least 1 (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--score-images", defaultValue = "1024",
            description = "images scored per round, after one untimed pass over them (default: ${DEFAULT-VALUE})")
    int scoreImages;

    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--samples", defaultValue = "0",
            description = "also time drawing this many samples once, when the model has a sampler (default: ${DEFAULT-VALUE})")
    int samples;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    /** A spec's model with the random images it is timed on. */
    private record Bench(String name, ExperimentPlan plan, ImageSet images, Preprocessing preprocessing,
            List<Rate> train, List<Rate> score) {}

    @Override
    public Integer call() {
        if (warmup < 1) throw new picocli.CommandLine.ParameterException(command.commandLine(), "--warmup must be at least 1");
        if (rounds < 1 || trainSteps < 1 || scoreImages < 1) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "--rounds, --train-steps and --score-images must be at least 1");
        }
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        SpecLoader.Options options = new SpecLoader.Options(overrides, 512, System::getenv);
        List<Bench> benches = new ArrayList<>();
        for (Path file : specs) {
            for (ResolvedSpec r : loader.load(file, file.toString(), options)) {
                ExperimentPlan plan = planner.plan(r);
                ExperimentSpec spec = plan.resolved().spec();
                var source = plan.train().source();
                ImageSet images = SyntheticImages.labelled(source.shape(), source.numClasses(),
                        Math.max(scoreImages, 8 * spec.train().batchSize()), spec.seed());
                benches.add(new Bench(r.runName(), plan, images, new Preprocessing(spec.data().preprocess()),
                        new ArrayList<>(), new ArrayList<>()));
            }
        }

        PrintWriter out = command.commandLine().getOut();
        out.println("# " + MachineInfo.machine() + ", " + LocalDate.now() + ", load average " + MachineInfo.loadAverage()
                + "; random images; " + trainSteps + " training steps after " + warmup + ", " + scoreImages
                + " images scored after an untimed pass; medians of " + rounds + " interleaved rounds");
        out.flush();
        for (int round = 0; round < rounds; round++) {
            // Start each round at another spec, so none always runs first (on a fresher or busier machine).
            for (int i = 0; i < benches.size(); i++) {
                Bench b = benches.get((i + round) % benches.size());
                b.train().add(PlannedModelTiming.train(b.plan(), b.images(), b.preprocessing(), warmup, trainSteps));
                b.score().add(PlannedModelTiming.score(b.plan(), b.images(), b.preprocessing(), scoreImages));
            }
        }
        out.println("spec\tmodel\tparameters\tshape\ttrain_batch\ttrain_img_per_s\ttrain_img_per_cpu_s\tscore_batch"
                + "\tscore_img_per_s\tscore_img_per_cpu_s" + (samples > 0 ? "\tsamples\tsample_s" : ""));
        for (Bench b : benches) {
            out.println(row(b));
            out.flush();
        }
        out.println("# load average at the end " + MachineInfo.loadAverage());
        out.flush();
        return 0;
    }

    private String row(Bench b) {
        ExperimentSpec spec = b.plan().resolved().spec();
        Rate train = Rate.median(b.train());
        Rate score = Rate.median(b.score());
        try (BuiltModel built = PlannedModelTiming.build(b.plan(), b.images(), b.preprocessing())) {
            String row = String.join("\t", b.name(), spec.model().type(), String.valueOf(built.graph().parameters().count()),
                    b.images().shape().toString(), String.valueOf(spec.train().batchSize()), fmt(train.perSecond()),
                    fmt(train.perCpuSecond()), String.valueOf(spec.eval().batchSize()), fmt(score.perSecond()),
                    fmt(score.perCpuSecond()));
            if (samples > 0) {
                if (built.model().sampler().isPresent()) {
                    SampleDrawer drawer = new SampleDrawer(built.runtime().session(), built.model().sampler().get(),
                            b.images().shape());
                    Timed t = Timed.of(() -> drawer.draw(samples, 1f));
                    row += "\t" + samples + "\t" + fmt(t.wallSeconds());
                } else {
                    row += "\t-\t-";
                }
            }
            return row;
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
