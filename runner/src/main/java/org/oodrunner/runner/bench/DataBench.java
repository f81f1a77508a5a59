package org.oodrunner.runner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import org.oodrunner.components.datasets.cifar.CifarSource;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchAssembler;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench data}: is data ever the bottleneck? Loads a CIFAR-10-sized set from
 * files in the real binary format (resident memory, load time), then measures, interleaved in
 * one process, how long batch assembly takes (32x32x3, dequantised, with and without
 * augmentation) against one training step of the smallest model. It also times the floors of
 * assembly (conversion without noise, copying bytes alone) and the design the framework did not
 * take (dequantisation inside the graph), so the reasons for the current one stay measurable.
 */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Batch assembly vs. the smallest model's training step; memory of a CIFAR-10-sized set.")
public final class DataBench implements Callable<Integer> {
    @Option(names = "--per-file", defaultValue = "10000", description = "records per CIFAR batch file (real: ${DEFAULT-VALUE})")
    int perFile;

    @Option(names = "--batch-size", defaultValue = "64", description = "examples per batch (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--rounds", defaultValue = "5", description = "interleaved rounds of assembly and steps (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--batches", defaultValue = "400", description = "batches assembled per round (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--steps", defaultValue = "100", description = "training steps per round (default: ${DEFAULT-VALUE})")
    int steps;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        out.printf(Locale.ROOT, "machine: %d cores, %s %s, Java %s, max heap %d MB, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, LocalDate.now());
        Path root = Files.createTempDirectory("bench-data");
        try {
            CifarSizedFiles.write(root, perFile, 7);
            ImageSet train = measureLoading(root, out);
            measureAssembly(train, out);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
        out.flush();
        return 0;
    }

    private ImageSet measureLoading(Path root, PrintWriter out) {
        CifarSource cifar = CifarSource.cifar10(root);
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentBytes();
        long start = System.nanoTime();
        ImageSet train = cifar.load("train", LoadRequest.all("cifar10/train"));
        ImageSet test = cifar.load("test", LoadRequest.all("cifar10/test"));
        double seconds = (System.nanoTime() - start) / 1e9;
        long heap = usedHeapAfterGc() - heapBefore;
        long rss = residentBytes() - rssBefore;
        int images = train.size() + test.size();
        long raw = (long) images * train.shape().dims();
        out.printf(Locale.ROOT, "load: %d + %d images of %s from the binary files in %.2f s%n", train.size(), test.size(),
                train.shape(), seconds);
        out.printf(Locale.ROOT, "memory: pixels %.1f MB raw; heap held %.1f MB (%.2f x raw, %.0f bytes per image); "
                + "resident set grew %.1f MB%n", raw / 1e6, heap / 1e6, (double) heap / raw, (double) heap / images, rss / 1e6);
        out.printf(Locale.ROOT, "         as float32 the same pixels would take %.1f MB%n", 4.0 * raw / 1e6);
        Reference.reachabilityFence(test);
        return train;
    }

    private void measureAssembly(ImageSet train, PrintWriter out) {
        Preprocessing plain = new Preprocessing(PreprocessSpec.defaults());
        Preprocessing augmented = new Preprocessing(PreprocessSpec.defaults().withAugmentation(true, 4));
        Preprocessing binCentres = new Preprocessing(
                PreprocessSpec.defaults().withQuantization(8, PreprocessSpec.Dequantization.NONE));
        BatchPlan plan = BatchPlan.training(train.size(), batchSize, 11);
        BatchAssembler assemble = new BatchAssembler(train, plan, plain);
        BatchAssembler assembleAugmented = new BatchAssembler(train, plan, augmented);
        BatchAssembler assembleCentres = new BatchAssembler(train, plan, binCentres);
        byte[] gathered = new byte[plan.batchSize() * train.shape().dims()];
        float[] reuse = new float[gathered.length];
        double[] assembly = new double[rounds];
        double[] assemblyAugmented = new double[rounds];
        double[] assemblyCentres = new double[rounds];
        double[] gathering = new double[rounds];
        double[] step = new double[rounds];
        double[] inGraphStep = new double[rounds];
        try (GaussianStepTimer timer = GaussianStepTimer.floatFed(train.shape());
                GaussianStepTimer inGraph = GaussianStepTimer.dequantisingInGraph(train.shape())) {
            Batch batch = assemble.assemble(0);
            byte[] pixels = new byte[gathered.length];
            gather(train, plan, 0, pixels);
            for (int w = 0; w < 50; w++) {
                timer.step(batch);
                inGraph.step(pixels);
            }
            for (int k = 0; k < 200; k++) {
                assemble.assemble(k, reuse);
                assembleCentres.assemble(k, reuse);
                gather(train, plan, k, gathered);
            }
            long k = 0;
            for (int r = 0; r < rounds; r++) {
                // Into a reused array, as the prefetch stream does with the arrays the trainer hands back.
                assembly[r] = timeBatches(k, b -> assemble.assemble(b, reuse));
                assemblyAugmented[r] = timeBatches(k += batches, b -> assembleAugmented.assemble(b, reuse));
                assemblyCentres[r] = timeBatches(k += batches, b -> assembleCentres.assemble(b, reuse));
                gathering[r] = timeBatches(k += batches, b -> gather(train, plan, b, gathered));
                k += batches;
                long[] st = new long[steps];
                for (int i = 0; i < steps; i++) st[i] = timer.step(batch);
                step[r] = median(st) / 1e3;
                for (int i = 0; i < steps; i++) st[i] = inGraph.step(pixels);
                inGraphStep[r] = median(st) / 1e3;
            }
        }
        double a = median(assembly);
        double aa = median(assemblyAugmented);
        double s = median(step);
        double g = median(gathering);
        double sg = median(inGraphStep);
        out.printf(Locale.ROOT, "batch assembly, %s batch %d, uniform dequantisation, %s kernel: %.0f us per batch "
                + "(median of %d rounds: %s)%n", train.shape(), batchSize, plain.kernel(), a, rounds, rounded(assembly));
        out.printf(Locale.ROOT, "  with random flip + random crop (pad 4): %.0f us per batch (%s)%n", aa, rounded(assemblyAugmented));
        out.printf(Locale.ROOT, "  without noise (bin centres, the conversion to float alone): %.0f us per batch (%s)%n",
                median(assemblyCentres), rounded(assemblyCentres));
        out.printf(Locale.ROOT, "  gathering the batch's 8-bit pixels alone: %.0f us per batch (%s)%n", g, rounded(gathering));
        out.printf(Locale.ROOT, "gaussian model training step (Adam, batch %d): %.0f us (%s)%n", batchSize, s, rounded(step));
        out.printf(Locale.ROOT, "ratio step / assembly: %.1fx (with augmentation %.1fx)%n", s / a, s / aa);
        out.printf(Locale.ROOT, "design not taken, dequantisation in the graph: the step fed 8-bit pixels takes %.0f us (%s), "
                + "%+.0f us per step; ratio step / gathering %.1fx%n", sg, rounded(inGraphStep), sg - s, sg / g);
        out.printf(Locale.ROOT, "prefetch thread alone: %.0f batches/s%n", streamRate(train, plan, plain));
    }

    /** Median microseconds to run {@code work} on batches first .. first + batches - 1. */
    private double timeBatches(long first, LongConsumer work) {
        long[] t = new long[batches];
        for (int b = 0; b < batches; b++) {
            long s = System.nanoTime();
            work.accept(first + b);
            t[b] = System.nanoTime() - s;
        }
        return median(t) / 1e3;
    }

    /** The host side of in-graph dequantisation: batch k's images copied, as bytes, into one array. */
    private static void gather(ImageSet data, BatchPlan plan, long k, byte[] into) {
        int d = data.shape().dims();
        int[] idx = plan.indices(k);
        for (int i = 0; i < idx.length; i++) System.arraycopy(data.images()[idx[i]], 0, into, i * d, d);
    }

    /** Batches per second a BatchStream delivers to a consumer that does nothing else. */
    private double streamRate(ImageSet train, BatchPlan plan, Preprocessing pre) {
        int n = Math.max(100, batches);
        long start = System.nanoTime();
        try (BatchStream stream = new BatchStream(train, plan, pre, 0, n, 4)) {
            while (stream.hasNext()) stream.recycle(stream.next());
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static String rounded(double[] values) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS from /proc/self/status (Linux), or -1 elsewhere. */
    private static long residentBytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
