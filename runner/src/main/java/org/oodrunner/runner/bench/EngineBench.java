package org.oodrunner.runner.bench;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.oodrunner.framework.data.Batch;
import org.oodrunner.framework.data.BatchPlan;
import org.oodrunner.framework.data.BatchStream;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.InputTransform;
import org.oodrunner.framework.tf.ModelGraph;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.TfRuntime;
import org.oodrunner.framework.tf.TrainStep;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainingListener;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runner bench engine}: training throughput of the engine on a conv workload (see
 * {@link ConvWorkload}) under several TensorFlow thread settings, and the {@link Trainer}'s
 * step time against a bare {@code session.run} loop on the same graph. Settings are measured in
 * interleaved rounds in one process and reported as medians and ratios, so load from other
 * processes affects them alike. Besides wall-clock throughput it reports the process's CPU time
 * per step, which other processes on a shared machine disturb far less: it is the measure of
 * the Trainer's extra work.
 */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Training images/s under TensorFlow thread settings, and the Trainer's overhead over a bare loop.")
public final class EngineBench implements Callable<Integer> {
    private static final ImageShape SHAPE = new ImageShape(28, 28, 1);
    private static final long SEED = 0;

    @Option(names = "--threads", split = ",", paramLabel = "INTRA:INTER",
            description = "thread settings to compare (0 lets TensorFlow choose); default: ${DEFAULT-VALUE}",
            defaultValue = "0:0,1:1,2:1,1:2,2:2,4:4")
    List<String> threads;

    @Option(names = "--steps", description = "timed steps per measurement (default: ${DEFAULT-VALUE})", defaultValue = "60")
    int steps;

    @Option(names = "--warmup", description = "untimed steps first (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int warmup;

    @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int batch;

    @Option(names = "--rounds", description = "interleaved rounds; the median is reported (default: ${DEFAULT-VALUE})",
            defaultValue = "3")
    int rounds;

    @Option(names = "--blocks", description = "conv blocks in the workload (default: ${DEFAULT-VALUE})", defaultValue = "2")
    int blocks;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        ImageSet data = images(2048);
        Preprocessing pre = new Preprocessing(PreprocessSpec.defaults());
        Map<String, String> p = Provenance.collect(null);
        out.printf(Locale.ROOT, "runner bench engine  %s  %s cpus, %s, Java %s, TensorFlow %s%n", LocalDate.now(),
                p.get("cpus"), p.get("os"), p.get("java_version"), p.get("tensorflow_version"));
        out.printf(Locale.ROOT, "workload: %d x conv3x3(64)-ReLU-conv3x3(64)-ReLU-conv3x3(8) on 14x14x4 (28x28x1 "
                + "squeezed), batch %d, Adam; %d timed steps after %d, median of %d rounds%n%n", blocks, batch, steps,
                warmup, rounds);
        out.flush();

        String loadStart = loadAverage();
        trainerImagesPerSecond(settings("0:0"), data, pre); // the process's first graph pays one-off start-up costs
        Map<String, List<Measurement>> perSetting = new LinkedHashMap<>();
        List<Measurement> trainer = new ArrayList<>();
        List<Measurement> bare = new ArrayList<>();
        threads.forEach(t -> perSetting.put(t, new ArrayList<>()));
        for (int r = 0; r < rounds; r++) {
            // Each round starts at another setting and swaps the last pair, so no setting always follows the same one.
            for (int i = 0; i < threads.size(); i++) {
                String t = threads.get((i + r) % threads.size());
                perSetting.get(t).add(trainerImagesPerSecond(settings(t), data, pre));
            }
            if (r % 2 == 0) {
                trainer.add(trainerImagesPerSecond(settings("0:0"), data, pre));
                bare.add(bareImagesPerSecond(settings("0:0"), data, pre));
            } else {
                bare.add(bareImagesPerSecond(settings("0:0"), data, pre));
                trainer.add(trainerImagesPerSecond(settings("0:0"), data, pre));
            }
        }

        double base = medianRate(perSetting.getOrDefault("0:0", perSetting.values().iterator().next()));
        out.println("threads (intra:inter)  images/s  ms/step  vs 0:0  cpu-ms/step");
        perSetting.forEach((t, v) -> {
            double ips = medianRate(v);
            out.printf(Locale.ROOT, "%-22s %9.1f %8.1f  %5.2f  %10.1f%n", t, ips, 1000.0 * batch / ips, ips / base,
                    medianCpu(v));
        });
        double tr = medianRate(trainer);
        double ba = medianRate(bare);
        out.printf(Locale.ROOT, "%nTrainer (threads 0:0)   %9.1f %8.1f         %10.1f%n", tr, 1000.0 * batch / tr,
                medianCpu(trainer));
        out.printf(Locale.ROOT, "bare session.run loop   %9.1f %8.1f         %10.1f%n", ba, 1000.0 * batch / ba,
                medianCpu(bare));
        out.printf(Locale.ROOT, "Trainer over the bare loop: wall-clock step time %+.1f%%, CPU time per step %+.1f%%%n",
                100.0 * (ba / tr - 1), 100.0 * (medianCpu(trainer) / medianCpu(bare) - 1));
        out.printf(Locale.ROOT, "load average (1 min) at start %s, at end %s: other processes share these cpus%n",
                loadStart, loadAverage());
        out.flush();
        return 0;
    }

    private static RuntimeSpec settings(String t) {
        String[] parts = t.split(":");
        if (parts.length != 2) throw new IllegalArgumentException("--threads takes INTRA:INTER pairs, got " + t);
        return new RuntimeSpec(RuntimeSpec.Device.CPU, Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    }

    /** One timed stretch of training. */
    private record Measurement(double imagesPerSecond, double cpuMsPerStep) {}

    /** The Trainer's own loop: background batches, the schedule fed each step, metrics on logging steps. */
    private Measurement trainerImagesPerSecond(RuntimeSpec runtime, ImageSet data, Preprocessing pre) {
        try (TfRuntime rt = new TfRuntime(runtime)) {
            GraphContext g = GraphContext.create(rt, SHAPE, 0, 256, InputTransform.identity(), SEED);
            ModelGraph model = new ConvWorkload(blocks, 64).build(g);
            TrainSpec spec = new TrainSpec(warmup + steps, 1, batch, adam(), warmup);
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
            new Trainer(rt, g, model, spec).train(data, pre, SEED, timer);
            return measurement(marks[1] - marks[0], marks[3] - marks[2]);
        }
    }

    private Measurement measurement(long wallNanos, long cpuNanos) {
        return new Measurement(steps * (double) batch / (wallNanos / 1e9), cpuNanos / 1e6 / steps);
    }

    /** CPU time of the whole process (TensorFlow's threads included). */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The least a training loop can do: the same graph and update, batches prepared up front. */
    private Measurement bareImagesPerSecond(RuntimeSpec runtime, ImageSet data, Preprocessing pre) {
        try (TfRuntime rt = new TfRuntime(runtime)) {
            GraphContext g = GraphContext.create(rt, SHAPE, 0, 256, InputTransform.identity(), SEED);
            ModelGraph model = new ConvWorkload(blocks, 64).build(g);
            TrainStep step = TrainStep.build(g.tf(), model.loss(), g.parameters().all(), adam());
            List<Batch> batches = new ArrayList<>();
            BatchPlan plan = BatchPlan.training(data.size(), batch, SEED);
            try (BatchStream s = new BatchStream(data, plan, pre, 0, warmup + steps, 4)) {
                while (s.hasNext()) batches.add(s.next());
            }
            Session session = rt.session();
            long start = 0;
            long cpuStart = 0;
            for (int i = 0; i < batches.size(); i++) {
                if (i == warmup) {
                    start = System.nanoTime();
                    cpuStart = cpuNanos();
                }
                Batch b = batches.get(i);
                try (TFloat32 x = TensorIO.floats(b.images(), b.tensorShape());
                        TFloat32 lr = TensorIO.scalar(1e-3f);
                        Result r = session.runner().feed(g.feed(), x).feed(step.learningRate(), lr)
                                .addTarget(step.update()).fetch(model.loss()).run()) {
                    TensorIO.toScalar(r.get(0));
                }
            }
            return measurement(System.nanoTime() - start, cpuNanos() - cpuStart);
        }
    }

    private static OptimizerSpec adam() {
        return new OptimizerSpec(OptimizerSpec.Type.ADAM, 1e-3, 0.9, 0.999, 1e-8, 0, null);
    }

    private static ImageSet images(int n) {
        SplittableRandom r = new SplittableRandom(SEED);
        byte[][] images = new byte[n][SHAPE.dims()];
        for (byte[] img : images) {
            for (int i = 0; i < img.length; i++) img[i] = (byte) r.nextInt(256);
        }
        return new ImageSet("bench", SHAPE, images, null, 0);
    }

    /** The 1-minute load average (Linux), or "?" elsewhere. */
    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static double medianRate(List<Measurement> v) {
        return median(v.stream().mapToDouble(Measurement::imagesPerSecond).toArray());
    }

    private static double medianCpu(List<Measurement> v) {
        return median(v.stream().mapToDouble(Measurement::cpuMsPerStep).toArray());
    }

    private static double median(double[] a) {
        Arrays.sort(a);
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
