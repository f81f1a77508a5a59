package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench profile SPEC}: where a training step and a scoring batch of the spec's
 * model spend their time, from TensorFlow's step stats (a full trace of each op's start, end and
 * thread): the top layers, op types and ops, and optionally the whole trace as a Chrome trace
 * file. On random images of the training set's shape, at the spec's batch sizes and runtime
 * settings, through the run's own graph and training step ({@link ModelProfiler}).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Trace training steps and scoring batches of a spec's model: the top layers, op types and ops by "
                + "time, and optionally a Chrome trace file (chrome://tracing, ui.perfetto.dev).")
public final class ProfileBench implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "SPEC", description = "spec file (YAML); a grid profiles every point")
    Path specFile;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a spec value (repeatable), e.g. --set runtime.xla=true")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--steps", defaultValue = "5",
            description = "traced training steps and scoring batches, each next to as many untraced ones (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "untraced training steps first, at least 1 (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--top", defaultValue = "15", description = "rows per table (default: ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--depth", defaultValue = "2",
            description = "name-scope levels that make a layer, e.g. 2: scale_0/coupling_3 (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--trace", paramLabel = "FILE", description = "also write the traced runs as a Chrome trace (JSON)")
    Path trace;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 1 || top < 1 || depth < 1) {
            throw new ParameterException(command.commandLine(), "--steps, --warmup, --top and --depth must be at least 1");
        }
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        PrintWriter out = command.commandLine().getOut();
        out.println("# runner bench profile " + specFile + ": " + MachineInfo.machine() + ", " + LocalDate.now()
                + ", load average " + MachineInfo.loadAverage() + "; random images; times per run are medians");
        out.flush();
        Map<String, StepProfile> profiles = new LinkedHashMap<>();
        for (ResolvedSpec r : loader.load(specFile, specFile.toString(), new SpecLoader.Options(overrides, 512, System::getenv))) {
            ExperimentPlan plan = planner.plan(r);
            ExperimentSpec spec = plan.resolved().spec();
            var source = plan.train().source();
            int n = Math.max(steps * spec.eval().batchSize(), 4 * spec.train().batchSize());
            ImageSet images = SyntheticImages.labelled(source.shape(), source.numClasses(), n, spec.seed());
            try (ModelProfiler profiler = new ModelProfiler(plan, images, new Preprocessing(spec.data().preprocess()), warmup)) {
                out.printf("%n# %s: %s, %,d parameters, %s images, train batch %d, score batch %d, runtime %s%n", r.runName(),
                        spec.model().type(), profiler.parameterCount(), source.shape(), spec.train().batchSize(),
                        spec.eval().batchSize(), spec.runtime());
                StepProfile train = profiler.train(steps, depth);
                train.print(out, r.runName() + " training step", top);
                profiles.put(r.runName() + " training", train);
                StepProfile score = profiler.score(steps, depth);
                score.print(out, r.runName() + " scoring batch", top);
                profiles.put(r.runName() + " scoring", score);
            }
        }
        if (trace != null) {
            ChromeTrace.write(trace, profiles);
            out.println();
            out.println("trace written to " + trace + " (open it in chrome://tracing or ui.perfetto.dev)");
        }
        out.flush();
        return 0;
    }
}
