package org.oodrunner.runner.bench;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.oodrunner.components.models.flows.realnvp.RealNvpModel;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.Quantity;
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
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.runner.bench.PlannedModelTiming.Rate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench compare}: the framework against the same networks in PyTorch (CPU) and,
 * for the reference RealNVP, against the network written directly in TensorFlow Java, timed in
 * alternating rounds in one command (every contender keeps its model between rounds; each
 * round starts at another contender) so that other load on the machine hits all alike. The
 * networks: the reference RealNVP of {@code bench flows}, and the models of the shipped Glow
 * and PixelCNN specs at their batch sizes and optimisers, on random images. Ratios are medians
 * of per-round ratios.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Train and score images/s of the reference RealNVP and the Glow and PixelCNN specs' networks: the "
                + "framework, the hand-written TensorFlow Java graph (RealNVP) and PyTorch (CPU), in alternating rounds.")
public final class CompareBench implements Callable<Integer> {
    @Option(names = "--python", paramLabel = "PYTHON",
            description = "Python with torch (default: $OOD_TORCH_PYTHON, else ~/.cache/ood-runner/torch-venv, made on first use)")
    Path python;

    @Option(names = "--no-pytorch", description = "time the framework and the hand-written graph only")
    boolean noPytorch;

    @Option(names = "--rounds", defaultValue = "5", description = "alternating rounds; medians are reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--steps", defaultValue = "10", description = "timed training steps per round (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--score-images", defaultValue = "512", description = "images scored per round (default: ${DEFAULT-VALUE})")
    int scoreImages;

    @Option(names = "--networks", split = ",", defaultValue = "realnvp,glow,pixelcnn",
            description = "which of realnvp, glow, pixelcnn (default: ${DEFAULT-VALUE})")
    List<String> networks;

    @Option(names = "--glow-spec", defaultValue = "experiments/fashion_vs_mnist_glow.yaml", description = "(default: ${DEFAULT-VALUE})")
    Path glowSpec;

    @Option(names = "--pixelcnn-spec", defaultValue = "experiments/fashion_vs_mnist_pixelcnn.yaml",
            description = "(default: ${DEFAULT-VALUE})")
    Path pixelcnnSpec;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "override a value of the framework's specs (repeatable), e.g. --set runtime.xla=true; runtime.* "
                    + "also applies to the reference RealNVP")
    List<String> overrides = new ArrayList<>();

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private static final long SEED = 0;
    private static final int REFERENCE_BATCH = 64;
    private static final Path BENCH_DIR = Path.of("benchmarks/pytorch");

    /** One implementation of one network, timed a round at a time. */
    private record Contender(String network, String implementation, Supplier<double[]> round, List<double[]> results) {}

    @Override
    public Integer call() {
        if (rounds < 1 || steps < 1 || scoreImages < 1) {
            throw new ParameterException(command.commandLine(), "--rounds, --steps and --score-images must be at least 1");
        }
        for (String n : networks) {
            if (!List.of("realnvp", "glow", "pixelcnn").contains(n)) {
                throw new ParameterException(command.commandLine(), "--networks: unknown network " + n
                        + " (realnvp, glow, pixelcnn)");
            }
        }
        if (!noPytorch && !Files.isRegularFile(BENCH_DIR.resolve("bench.py"))) {
            throw new BadInputException(BENCH_DIR.resolve("bench.py") + " not found: run from the repository root, or "
                    + "pass --no-pytorch");
        }
        PrintWriter out = command.commandLine().getOut();
        Path py = noPytorch ? null : TorchEnvironment.python(python, BENCH_DIR.resolve("requirements.txt"), out);
        String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        out.printf(Locale.ROOT, "# runner bench compare, %s: %s, %s; Java %s; TensorFlow Java 1.1.0 (TensorFlow 2.18, CPU), "
                + "oneDNN %s, TF_XLA_FLAGS=%s; load average %s at the start; %d alternating rounds of %d training steps "
                + "and %d scored images; medians%n", LocalDate.now(), MachineInfo.machine(), MachineInfo.vectorFeatures(),
                System.getProperty("java.version"), onednn == null ? "unset (TF_ENABLE_ONEDNN_OPTS not set)"
                        : (onednn.equals("1") ? "on" : onednn.equals("0") ? "off" : "?") + " (TF_ENABLE_ONEDNN_OPTS=" + onednn + ")",
                System.getenv("TF_XLA_FLAGS"), MachineInfo.loadAverage(), rounds, steps, scoreImages);
        out.flush();

        List<AutoCloseable> open = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> batches = new LinkedHashMap<>();
        try {
            Injector injector = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null));
            SpecLoader loader = injector.getInstance(SpecLoader.class);
            ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
            SpecLoader.Options options = new SpecLoader.Options(overrides, 512, System::getenv);
            for (String network : networks) {
                if (network.equals("realnvp")) {
                    addReference(contenders, open, parameters, batches, runtimeOf(loader, options));
                } else {
                    addSpec(network, network.equals("glow") ? glowSpec : pixelcnnSpec, loader, planner, options, contenders,
                            open, parameters, batches);
                }
                if (py != null) {
                    PyTorchReference torch = new PyTorchReference(py, BENCH_DIR, network);
                    open.add(torch);
                    parameters.merge(network, String.format(Locale.ROOT, "%,d", torch.info().get("parameters").asLong()),
                            (a, b) -> a + " / " + b);
                    if (network.equals("realnvp")) {
                        out.printf("# PyTorch %s, %d threads, OMP_WAIT_POLICY=%s%n", torch.info().get("torch").asText(),
                                torch.info().get("threads").asInt(), System.getenv().getOrDefault("OMP_WAIT_POLICY",
                                        "PASSIVE (set by this command)"));
                    }
                    contenders.add(new Contender(network, "pytorch", () -> {
                        PyTorchReference.Round r = torch.round(steps, scoreImages);
                        return new double[] {r.train(), r.score(), r.trainPerCpuSecond(), r.scorePerCpuSecond()};
                    }, new ArrayList<>()));
                }
            }
            // One untimed round each: first-run allocations, kernel choices, the JIT of both runtimes.
            for (Contender c : contenders) c.round().get();
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < contenders.size(); i++) {
                    Contender c = contenders.get((i + r) % contenders.size());
                    c.results().add(c.round().get());
                }
            }
            print(out, contenders, parameters, batches);
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    out.println("# could not close " + c + ": " + e.getMessage());
                }
            }
        }
        out.println("# load average at the end " + MachineInfo.loadAverage());
        out.flush();
        return 0;
    }

    /** The runtime section the --set overrides give (the Glow spec's, as its models run with it). */
    private RuntimeSpec runtimeOf(SpecLoader loader, SpecLoader.Options options) {
        List<ResolvedSpec> runs = loader.load(glowSpec, glowSpec.toString(), options);
        return runs.get(0).spec().runtime();
    }

    private void addReference(List<Contender> contenders, List<AutoCloseable> open, Map<String, String> parameters,
            Map<String, String> batches, RuntimeSpec runtime) {
        ImageShape shape = new ImageShape(28, 28, 1);
        Preprocessing pre = new Preprocessing(bind(PreprocessSpec.class, "{}"));
        ImageSet train = SyntheticImages.labelled(shape, 10, 8 * REFERENCE_BATCH, SEED);
        ImageSet score = SyntheticImages.labelled(shape, 10, scoreImages, SEED + 1);
        TrainSpec trainSpec = bind(TrainSpec.class, "{batch_size: " + REFERENCE_BATCH + ", optimizer: {type: adam, lr: 1.0e-4}}");
        WarmModelTiming framework = new WarmModelTiming(BuiltModel.build(new RealNvpModel(FlowBenchCommand.referenceRealNvp()),
                runtime, InputTransform.identity(), shape, 10, pre.levels(), SEED, Set.of()), trainSpec, steps);
        open.add(framework);
        PlainRealNvp plain = new PlainRealNvp(SEED);
        open.add(plain);
        if (framework.parameterCount() != plain.parameterCount()) {
            throw new IllegalStateException("the framework's reference RealNVP has " + framework.parameterCount()
                    + " parameters, the hand-written one " + plain.parameterCount());
        }
        List<float[]> plainBatches = SyntheticImages.batches(train, pre, 8, REFERENCE_BATCH, SEED);
        parameters.put("realnvp", String.format(Locale.ROOT, "%,d", framework.parameterCount()));
        batches.put("realnvp", REFERENCE_BATCH + " / " + REFERENCE_BATCH);
        contenders.add(new Contender("realnvp", "framework", () -> rates(framework.train(train, pre, SEED),
                framework.score(score, Set.of(Quantity.LOG_LIKELIHOOD), pre, REFERENCE_BATCH, SEED)), new ArrayList<>()));
        contenders.add(new Contender("realnvp", "hand-written", () -> {
            Timed t = Timed.of(() -> plain.train(plainBatches, steps, 1e-4f));
            return new double[] {steps * REFERENCE_BATCH / t.wallSeconds(), Double.NaN,
                steps * REFERENCE_BATCH / t.cpuSeconds(), Double.NaN};
        }, new ArrayList<>()));
    }

    private void addSpec(String network, Path file, SpecLoader loader, ExperimentPlanner planner, SpecLoader.Options options,
            List<Contender> contenders, List<AutoCloseable> open, Map<String, String> parameters,
            Map<String, String> batches) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " not found: run from the repository root, or name the spec with --"
                    + network + "-spec");
        }
        ExperimentPlan plan = planner.plan(loader.load(file, file.toString(), options).get(0));
        ExperimentSpec spec = plan.resolved().spec();
        var source = plan.train().source();
        Preprocessing pre = new Preprocessing(spec.data().preprocess());
        ImageSet train = SyntheticImages.labelled(source.shape(), source.numClasses(), 8 * spec.train().batchSize(), SEED);
        ImageSet score = SyntheticImages.labelled(source.shape(), source.numClasses(), scoreImages, SEED + 1);
        WarmModelTiming framework = new WarmModelTiming(PlannedModelTiming.build(plan, train, pre), spec.train(), steps);
        open.add(framework);
        Set<Quantity> quantities = PlannedModelTiming.scoredQuantities(plan);
        parameters.put(network, String.format(Locale.ROOT, "%,d", framework.parameterCount()));
        batches.put(network, spec.train().batchSize() + " / " + spec.eval().batchSize());
        contenders.add(new Contender(network, "framework", () -> rates(framework.train(train, pre, spec.seed()),
                framework.score(score, quantities, pre, spec.eval().batchSize(), spec.seed())), new ArrayList<>()));
    }

    /** {train img/s, score img/s, train img per CPU-second, score img per CPU-second}. */
    private static double[] rates(Rate train, Rate score) {
        return new double[] {train.perSecond(), score.perSecond(), train.perCpuSecond(), score.perCpuSecond()};
    }

    private void print(PrintWriter out, List<Contender> contenders, Map<String, String> parameters, Map<String, String> batches) {
        out.println();
        out.println("| network | parameters (framework / PyTorch) | batch (train / score) | train img/s: framework | "
                + "hand-written TF Java | PyTorch | framework / PyTorch | framework / hand-written | score img/s: framework "
                + "| PyTorch | framework / PyTorch |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String network : networks) {
            Contender fw = find(contenders, network, "framework");
            Contender hand = find(contenders, network, "hand-written");
            Contender torch = find(contenders, network, "pytorch");
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", network,
                    parameters.get(network), batches.get(network), median(fw, 0), median(hand, 0), median(torch, 0),
                    ratio(fw, torch, 0), ratio(fw, hand, 0), median(fw, 1), median(torch, 1), ratio(fw, torch, 1));
        }
        out.println();
        out.println("Per second of the process's CPU time (all threads; less disturbed by other load than wall time):");
        out.println();
        out.println("| network | train img/CPU-s: framework | hand-written TF Java | PyTorch | framework / PyTorch | "
                + "framework / hand-written | score img/CPU-s: framework | PyTorch | framework / PyTorch |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String network : networks) {
            Contender fw = find(contenders, network, "framework");
            Contender hand = find(contenders, network, "hand-written");
            Contender torch = find(contenders, network, "pytorch");
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", network, median(fw, 2),
                    median(hand, 2), median(torch, 2), ratio(fw, torch, 2), ratio(fw, hand, 2), median(fw, 3),
                    median(torch, 3), ratio(fw, torch, 3));
        }
        out.println();
        out.println("Rounds (train img/s; score img/s), in the order run:");
        for (Contender c : contenders) {
            StringBuilder sb = new StringBuilder("- " + c.network() + " " + c.implementation() + ":");
            for (double[] r : c.results()) {
                sb.append(String.format(Locale.ROOT, " %.0f", r[0]));
                if (!Double.isNaN(r[1])) sb.append(String.format(Locale.ROOT, "; %.0f", r[1]));
                sb.append(",");
            }
            out.println(sb.substring(0, sb.length() - 1));
        }
        out.flush();
    }

    private static Contender find(List<Contender> contenders, String network, String implementation) {
        return contenders.stream().filter(c -> c.network().equals(network) && c.implementation().equals(implementation))
                .findFirst().orElse(null);
    }

    private static String median(Contender c, int column) {
        if (c == null || Double.isNaN(c.results().get(0)[column])) return "-";
        return String.format(Locale.ROOT, "%.0f", Medians.of(c.results().stream().mapToDouble(r -> r[column]).toArray()));
    }

    /** The median over rounds of a's rate over b's in the same round. */
    private static String ratio(Contender a, Contender b, int column) {
        if (a == null || b == null || Double.isNaN(b.results().get(0)[column])) return "-";
        double[] ratios = new double[a.results().size()];
        for (int r = 0; r < ratios.length; r++) ratios[r] = a.results().get(r)[column] / b.results().get(r)[column];
        return String.format(Locale.ROOT, "%.2fx", Medians.of(ratios));
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
