package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.cifar.CifarFixtures;
import org.oodrunner.components.datasets.svhn.SvhnFixtures;
import org.oodrunner.components.testing.IdxFixtures;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.DatasetRef;

/**
 * Every spec in {@code experiments/} runs end to end through {@code runner run}, as shipped, at
 * a tiny budget: a few training steps, a few dozen images per set, and the model's sizes shrunk
 * by name (hidden channels, widths, depths...) where the model has such parameters. The data are
 * small files in the official formats (IDX, CIFAR binary, SVHN .mat) written here. A new spec is
 * covered by being in the folder; a spec naming a dataset this test does not write fails here
 * with the dataset's own message, and the fixture belongs in {@link #writeData()}.
 */
class ShippedSpecsRunTest {
    private static final Path EXPERIMENTS = Path.of("../experiments");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);
    /** Examples of the tiny MNIST and Fashion-MNIST test files and MNIST train file: what shipped ranges are scaled to. */
    private static final int TINY_SPLIT = 24;

    /** Model parameters shrunk wherever a model has them, by their spec path below {@code model}. */
    private static final Map<String, String> SMALLER = new LinkedHashMap<>();

    static {
        // flows
        SMALLER.put("steps", "1");
        SMALLER.put("hidden_channels", "8");
        SMALLER.put("st_net.hidden_channels", "8");
        SMALLER.put("st_net.blocks", "1");
        // autoregressive
        SMALLER.put("blocks", "1");
        SMALLER.put("width", "8");
        SMALLER.put("head_width", "8");
        // VAE
        SMALLER.put("latent_dim", "4");
        SMALLER.put("hidden_units", "16");
        SMALLER.put("importance_samples", "2");
        // JEM
        SMALLER.put("network.depth", "10");
        SMALLER.put("network.widen_factor", "1");
        SMALLER.put("sgld.steps", "2");
        SMALLER.put("sgld.buffer_size", "16");
    }

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() throws IOException {
        Path data = dir.resolve("data");
        IdxFixtures.writeTinyMnistFamily(data, 48, TINY_SPLIT);
        CifarFixtures.writeCifar10(data, 10);
        CifarFixtures.writeCifar100(data, 10, 24);
        int[] labels = new int[24];
        for (int i = 0; i < labels.length; i++) labels[i] = 1 + i % 10;
        SvhnFixtures.writeMat(data.resolve("svhn/test_32x32.mat"), labels);
    }

    @TestFactory
    Stream<DynamicTest> everyShippedSpecRunsAtATinyBudget() throws IOException {
        List<Path> specs;
        try (Stream<Path> s = Files.list(EXPERIMENTS)) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(specs.isEmpty());
        return specs.stream().map(spec -> DynamicTest.dynamicTest(spec.getFileName().toString(), () -> runTiny(spec)));
    }

    private void runTiny(Path spec) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", dir.resolve("runs").toString(),
                "--data-root", dir.resolve("data").toString()));
        List<String> tiny = tinyBudget(spec);
        for (String set : tiny) {
            args.add("--set");
            args.add(set);
        }
        Cli r = assertTimeoutPreemptively(HANG_GUARD,
                () -> Cli.run(args.toArray(String[]::new)));
        assertEquals(0, r.exitCode(), spec + " with " + args + ":\n" + r.err());
        assertFalse(r.printedStackTrace(), r.err());
        for (ResolvedSpec point : load(spec, tiny)) {
            Path run = dir.resolve("runs").resolve(point.spec().name() + "-" + point.hash());
            assertEquals("FINISHED", JSON.readTree(run.resolve("run.json").toFile()).path("status").asText(), run.toString());
            JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
            int ood = point.spec().data().ood().size();
            int scored = 0;
            for (JsonNode d : results.path("datasets")) {
                if ("ood".equals(d.path("role").asText())) scored++;
            }
            assertEquals(ood, scored, run + ": every OOD set is scored");
            assertTrue(Files.isRegularFile(run.resolve("artifacts/report.html")), run.toString());
        }
    }

    /** The --set overrides that make a spec tiny: budget and data for every spec, sizes where the model has them. */
    private static List<String> tinyBudget(Path spec) {
        List<ResolvedSpec> points = load(spec, List.of());
        ResolvedSpec first = points.get(0);
        List<String> sets = new ArrayList<>(List.of("train.steps=2", "train.batch_size=8", "train.log_every=1",
                "data.train.limit=32", "data.test.limit=16", "eval.batch_size=8", "eval.bootstrap.resamples=20",
                "samples.temperatures=[1.0]",
                "samples.count=2"));
        for (int i = 0; i < first.spec().data().ood().size(); i++) sets.add("data.ood[" + i + "].limit=16");
        sets.addAll(tinyRanges(first));
        if (first.spec().data().validation() != null) sets.add("data.validation.size=8");
        JsonNode features = first.effective().path("data").path("features");
        if (features.hasNonNull("run")) sets.add("data.features.run=" + tinyRunOf(features.path("run").asText()));
        // A classifier whose features another spec reads keeps its network (the reader names their dimension).
        if (featureSources().contains(first.spec().name())) return sets;
        SMALLER.forEach((path, value) -> {
            if (points.stream().allMatch(p -> has(p.effective().path("model"), path))) sets.add("model." + path + "=" + value);
        });
        // Lists of feature maps (a VAE's or a convnet's channels) keep their length, each at most 8.
        for (String path : List.of("channels", "network.channels")) {
            JsonNode list = at(first.effective().path("model"), path);
            if (list.isArray() && points.stream().allMatch(p -> at(p.effective().path("model"), path).isArray())) {
                List<String> small = new ArrayList<>();
                list.forEach(c -> small.add(String.valueOf(Math.min(8, c.asInt()))));
                sets.add("model." + path + "=[" + String.join(", ", small) + "]");
            }
        }
        return sets;
    }

    /**
     * Ranges of a split scaled down to the {@link #TINY_SPLIT} examples of its tiny file,
     * proportionally to the largest end among the spec's ranges of that split, so parts that
     * were disjoint stay disjoint and none is empty.
     */
    private static List<String> tinyRanges(ResolvedSpec spec) {
        Map<String, DatasetRef> refs = new LinkedHashMap<>();
        refs.put("data.train", spec.spec().data().train());
        refs.put("data.test", spec.spec().data().test());
        for (int i = 0; i < spec.spec().data().ood().size(); i++) refs.put("data.ood[" + i + "]", spec.spec().data().ood().get(i));
        Map<String, Integer> extent = new HashMap<>();
        refs.values().stream().filter(r -> r.range() != null)
                .forEach(r -> extent.merge(r.dataset() + "/" + r.split(), r.range().get(1), Math::max));
        List<String> sets = new ArrayList<>();
        refs.forEach((path, r) -> {
            if (r.range() == null) return;
            double scale = (double) TINY_SPLIT / extent.get(r.dataset() + "/" + r.split());
            int start = (int) Math.round(r.range().get(0) * scale);
            int end = Math.max(start + 1, (int) Math.round(r.range().get(1) * scale));
            sets.add(path + ".range=[" + start + ", " + end + "]");
        });
        return sets;
    }

    /**
     * The tiny run of the shipped spec whose run directory a spec's {@code data.features.run}
     * names ({@code runs/<name>-<hash>}, the spec file being {@code <name>.yaml}). Specs run in
     * file-name order, so the classifier must sort before its reader, as the shipped ones do.
     */
    private static Path tinyRunOf(String shippedRun) {
        String dirName = Path.of(shippedRun).getFileName().toString();
        Path source = EXPERIMENTS.resolve(dirName.substring(0, dirName.lastIndexOf('-')) + ".yaml");
        ResolvedSpec s = load(source, tinyBudget(source)).get(0);
        return dir.resolve("runs").resolve(s.spec().name() + "-" + s.hash()).toAbsolutePath();
    }

    /** Names of the shipped specs whose runs other shipped specs read features from. */
    private static Set<String> featureSources() {
        Set<String> names = new HashSet<>();
        try (Stream<Path> s = Files.list(EXPERIMENTS)) {
            for (Path spec : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode run = load(spec, List.of()).get(0).effective().path("data").path("features").path("run");
                if (run.isTextual()) {
                    String dirName = Path.of(run.asText()).getFileName().toString();
                    names.add(dirName.substring(0, dirName.lastIndexOf('-')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static boolean has(JsonNode model, String path) {
        JsonNode v = at(model, path);
        return !v.isMissingNode() && (v.isNumber() || v.isNull());
    }

    private static JsonNode at(JsonNode node, String path) {
        for (String key : path.split("\\.")) node = node.path(key);
        return node;
    }

    private static List<ResolvedSpec> load(Path spec, List<String> sets) {
        RunSettings settings = new RunSettings(dir.resolve("runs"), dir.resolve("data"), null);
        SpecLoader loader = Injectors.create(settings).getInstance(SpecLoader.class);
        return loader.load(spec, spec.toString(), new SpecLoader.Options(sets, 512, System::getenv));
    }
}
