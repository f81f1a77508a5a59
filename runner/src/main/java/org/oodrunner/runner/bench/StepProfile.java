package org.oodrunner.runner.bench;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * Where the time of traced session runs went, from TensorFlow's step stats: every op's compute
 * time summed over the runs, by op, by kernel type and by layer (the op's name scope; gradient
 * ops count as the backward pass of the layer they differentiate, the optimiser's updates as
 * their own group). Ops run on several cores at once, so the ops' total can exceed the wall time.
 */
final class StepProfile {
    /** One op as it ran in one traced run: start in microseconds since the first run's first op. */
    record OpRun(int run, String name, String type, String layer, Part part, long startMicros, long micros, int thread) {}

    /** The pass an op belongs to. */
    enum Part {
        FORWARD,
        BACKWARD,
        OPTIMIZER
    }

    private static final String GRADIENTS = "gradients/";
    /** How far to look back from a gradient op for the forward op it belongs to. */
    private static final int SEARCH_LIMIT = 64;

    private final Graph graph;
    private final int depth;
    private final List<OpRun> ops = new ArrayList<>();
    private final List<Double> wallSeconds = new ArrayList<>();
    private final List<Double> untracedSeconds = new ArrayList<>();
    private final Map<String, String> backwardLayers = new HashMap<>();
    private long origin = Long.MIN_VALUE;

    /** @param depth how many name-scope levels make a layer (e.g. 2: {@code scale_0/coupling_3}) */
    StepProfile(Graph graph, int depth) {
        this.graph = graph;
        this.depth = depth;
    }

    /** Adds the ops of one traced run that took {@code seconds} of wall time. */
    void add(RunMetadata metadata, double seconds) {
        int run = wallSeconds.size();
        wallSeconds.add(seconds);
        for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
            for (NodeExecStats node : device.getNodeStatsList()) {
                String name = node.getNodeName();
                if (name.equals("_SOURCE") || name.equals("_SINK")) continue;
                long start = node.getAllStartMicros() + node.getOpStartRelMicros();
                if (origin == Long.MIN_VALUE) origin = start;
                long micros = Math.max(0, node.getOpEndRelMicros() - node.getOpStartRelMicros());
                Part part = partOf(name);
                String layer = part == Part.OPTIMIZER ? "optimizer"
                        : part == Part.BACKWARD ? backwardLayer(name) : layerOf(name);
                ops.add(new OpRun(run, name, typeOf(node), layer, part, start - origin, micros, node.getThreadId()));
            }
        }
    }

    private static Part partOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains(GRADIENTS)) return Part.BACKWARD;
        return lower.startsWith("optimizer/") || lower.contains("/optimizer/") ? Part.OPTIMIZER : Part.FORWARD;
    }

    /**
     * The first {@code depth} name scopes of an op, leaving out the scopes TensorFlow's graph
     * optimiser adds to ops it creates (ConstantFolding/, ArithmeticOptimizer/...).
     */
    private String layerOf(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (!p.equals("ConstantFolding") && !p.endsWith("Optimizer")) parts.add(p);
        }
        if (parts.size() <= 1) return "(top level)";
        return String.join("/", parts.subList(0, Math.min(depth, parts.size() - 1)));
    }

    /**
     * TensorFlow Java names gradient ops without the forward op's scope, so a gradient op is
     * counted in the layer of the nearest forward op among its inputs (a convolution's kernel,
     * the activation it differentiates), searched breadth-first through other gradient ops.
     */
    private String backwardLayer(String name) {
        return backwardLayers.computeIfAbsent(name, n -> {
            GraphOperation start = graph.operation(n);
            if (start == null) return "backward (unattributed)";
            ArrayDeque<GraphOperation> queue = new ArrayDeque<>(List.of(start));
            Set<String> seen = new HashSet<>();
            while (!queue.isEmpty() && seen.size() < SEARCH_LIMIT) {
                GraphOperation op = queue.poll();
                if (!seen.add(op.name())) continue;
                for (int i = 0; i < op.numInputs(); i++) {
                    GraphOperation in = (GraphOperation) op.input(i).op();
                    String type = in.type();
                    if (partOf(in.name()) == Part.FORWARD && !type.equals("Const") && !type.equals("Placeholder")) {
                        return layerOf(in.name());
                    }
                    queue.add(in);
                }
            }
            return "backward (unattributed)";
        });
    }

    /** The kernel that ran, from the op's timeline label ("name = Type(inputs)": fused kernels show here), else the graph's op type. */
    private String typeOf(NodeExecStats node) {
        String label = node.getTimelineLabel();
        int eq = label.indexOf(" = ");
        int paren = eq < 0 ? -1 : label.indexOf('(', eq);
        if (paren > eq + 3) return label.substring(eq + 3, paren);
        GraphOperation op = graph.operation(node.getNodeName());
        return op != null ? op.type() : "?";
    }

    /** The wall times of the same work run without tracing, timed alongside. */
    void untracedWallSeconds(List<Double> seconds) {
        untracedSeconds.addAll(seconds);
    }

    List<OpRun> ops() {
        return ops;
    }

    int runs() {
        return wallSeconds.size();
    }

    /** The traced runs' median wall time in milliseconds. */
    double medianWallMillis() {
        return Medians.of(wallSeconds.stream().mapToDouble(Double::doubleValue).toArray()) * 1000;
    }

    /** Microseconds per run, summed over every op. */
    double opMicrosPerRun() {
        return ops.stream().mapToLong(OpRun::micros).sum() / (double) Math.max(1, runs());
    }

    /** Prints the top layers and the top ops and op types, in milliseconds per run. */
    void print(PrintWriter out, String title, int top) {
        double total = opMicrosPerRun();
        double untraced = untracedSeconds.isEmpty() ? Double.NaN
                : Medians.of(untracedSeconds.stream().mapToDouble(Double::doubleValue).toArray()) * 1000;
        out.printf(Locale.ROOT, "%n## %s: %d traced runs; median wall time per run %.1f ms untraced, %.1f ms traced; the ops' "
                + "total %.1f ms per run (summed over the cores)%n", title, runs(), untraced, medianWallMillis(), total / 1000);
        Map<String, double[]> layers = new LinkedHashMap<>();
        for (OpRun op : ops) {
            layers.computeIfAbsent(op.layer(), k -> new double[Part.values().length])[op.part().ordinal()] += op.micros();
        }
        out.println();
        out.println("| layer | forward ms | backward ms | optimizer ms | share |");
        out.println("|---|---:|---:|---:|---:|");
        layers.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -sum(e.getValue())))
                .limit(top)
                .forEach(e -> {
                    double[] v = e.getValue();
                    out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.1f%% |%n", e.getKey(), ms(v[0]), ms(v[1]), ms(v[2]),
                            100 * sum(v) / runs() / total);
                });
        printTop(out, "op type", OpRun::type, top, total);
        printTop(out, "op", op -> op.name() + " (" + op.type() + ")", top, total);
        out.flush();
    }

    private void printTop(PrintWriter out, String what, Function<OpRun, String> key, int top, double total) {
        Map<String, double[]> by = new LinkedHashMap<>();
        for (OpRun op : ops) {
            double[] v = by.computeIfAbsent(key.apply(op), k -> new double[2]);
            v[0] += op.micros();
            v[1]++;
        }
        out.println();
        out.println("| " + what + " | ms per run | calls per run | share |");
        out.println("|---|---:|---:|---:|");
        by.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0]))
                .limit(top)
                .forEach(e -> out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.1f%% |%n", e.getKey().replace("|", "\\|"),
                        ms(e.getValue()[0]), e.getValue()[1] / runs(), 100 * e.getValue()[0] / runs() / total));
    }

    private double ms(double micros) {
        return micros / runs() / 1000;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s;
    }
}
