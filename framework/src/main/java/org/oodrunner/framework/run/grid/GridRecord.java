package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.RunStore;
import org.oodrunner.framework.run.SpecText;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.RunStatus;

/**
 * A grid's own {@code run.json} ({@code kind: grid}): its axes, its points and its tracking
 * settings. A grid handed to other processes (Slurm array tasks, {@code --jobs}) is <em>frozen</em>:
 * each point's resolved spec is written to {@code points/<index>.yaml} beside it and the record
 * keeps the store, data root and tracking server of the submission, so a task runs exactly what
 * was submitted, whatever happens to the YAML afterwards.
 */
public final class GridRecord {
    private GridRecord() {}

    /** Writes the grid's run.json (status RUNNING); {@code frozen} settings also write every point's spec. */
    static void write(RunFiles grid, RunStore store, List<ResolvedSpec> points, Path specFile, RunSettings frozen) {
        ObjectNode run = grid.readRun();
        int attempts = run.path("attempts").asInt(0) + 1;
        JsonNode jobs = run.path("jobs");
        ResolvedSpec first = points.get(0);
        run.removeAll();
        run.put("kind", "grid");
        run.put("name", gridName(first));
        run.put("spec_name", first.spec().name());
        run.put("hash", GridRunner.gridHash(points));
        run.put("status", RunStatus.RUNNING.name());
        run.put("started", Instant.now().toString());
        run.put("attempts", attempts);
        run.put("spec_file", specFile == null ? null : specFile.toAbsolutePath().toString());
        run.put("description", first.spec().description());
        run.set("tracking", SpecJson.mapper().valueToTree(first.spec().tracking()));
        run.set("axes", SpecJson.mapper().valueToTree(axisValues(points)));
        ArrayNode list = run.putArray("points");
        for (int i = 0; i < points.size(); i++) {
            ResolvedSpec p = points.get(i);
            ObjectNode o = list.addObject();
            o.put("dir", store.filesFor(p).dir().getFileName().toString());
            o.put("name", p.runName());
            o.put("hash", p.hash());
            if (frozen != null) {
                String file = pointSpec(i);
                grid.writeText(grid.dir().resolve(file), SpecText.of(p));
                o.put("index", i);
                o.set("axes", SpecJson.mapper().valueToTree(p.axes()));
                o.put("spec", file);
            }
        }
        if (frozen != null) {
            ObjectNode f = run.putObject("frozen");
            f.put("out", frozen.outDir().toAbsolutePath().normalize().toString());
            f.put("data_root", frozen.dataRoot() == null ? null : frozen.dataRoot().toAbsolutePath().normalize().toString());
            f.put("tracking_uri", frozen.trackingUri());
            f.put("at", Instant.now().toString());
        }
        if (jobs.isArray()) run.set("jobs", jobs);
        run.set("provenance", SpecJson.mapper().valueToTree(Provenance.collect(specFile)));
        grid.writeJson(grid.runJson(), run);
    }

    static String gridName(ResolvedSpec first) {
        return first.spec().name() + " (grid)";
    }

    private static String pointSpec(int index) {
        return String.format(Locale.ROOT, "points/%03d.yaml", index);
    }

    /** Each axis with its values in grid order. */
    static Map<String, List<Object>> axisValues(List<ResolvedSpec> points) {
        Map<String, Set<Object>> values = new LinkedHashMap<>();
        for (ResolvedSpec p : points) {
            p.axes().forEach((k, v) -> values.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(v));
        }
        Map<String, List<Object>> out = new LinkedHashMap<>();
        // A value may be null (an axis like {@code bottleneck: [null, 16]}): List.copyOf would refuse it.
        values.forEach((k, v) -> out.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        return out;
    }

    /** The grid record in {@code dir}, refused with a clear line when it is not a frozen grid. */
    public static RunFiles frozen(Path dir) {
        RunFiles grid = new RunFiles(dir.toAbsolutePath().normalize());
        JsonNode run = grid.readRun();
        if (!"grid".equals(run.path("kind").asText()) || !run.has("frozen")) {
            throw new BadInputException(dir + " is not the record of a submitted grid (its run.json needs kind: grid and "
                    + "frozen points); give the directory `runner run --executor ...` printed, e.g. runs/<name>-grid-<hash>");
        }
        return grid;
    }

    /** The settings the grid was submitted with: its store, data root and tracking server. */
    public static RunSettings settings(RunFiles grid) {
        JsonNode f = grid.readRun().path("frozen");
        String data = f.path("data_root").asText(null);
        return new RunSettings(Path.of(f.path("out").asText()), data == null ? null : Path.of(data),
                f.path("tracking_uri").isTextual() ? f.path("tracking_uri").asText() : null);
    }

    public static List<FrozenPoint> points(RunFiles grid) {
        List<FrozenPoint> out = new ArrayList<>();
        JsonNode list = grid.readRun().path("points");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            @SuppressWarnings("unchecked")
            Map<String, Object> axes = p.has("axes") ? SpecJson.mapper().convertValue(p.get("axes"), LinkedHashMap.class)
                    : Map.of();
            out.add(new FrozenPoint(p.path("index").asInt(i), p.path("dir").asText(), p.path("name").asText(),
                    p.path("hash").asText(), axes, p.path("spec").asText(null)));
        }
        return out;
    }

    public static FrozenPoint point(RunFiles grid, int index) {
        List<FrozenPoint> all = points(grid);
        if (index < 0 || index >= all.size()) {
            throw new BadInputException("grid " + grid.dir() + " has points 0 to " + (all.size() - 1) + ", not " + index);
        }
        return all.get(index);
    }

    /** A frozen point's spec, checked to hash as it did when the grid was frozen. */
    public static ResolvedSpec spec(RunFiles grid, FrozenPoint point, SpecLoader loader) {
        Path file = grid.dir().resolve(point.spec());
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " is missing: the grid record lost a point's spec; submit the grid again");
        }
        ResolvedSpec r = loader.load(file, file.toString(), new SpecLoader.Options(List.of(), 1, name -> null)).get(0);
        if (!r.hash().equals(point.hash())) {
            throw new BadInputException(file + " hashes to " + r.hash() + " but the grid froze it as " + point.hash()
                    + "; the file was edited. Restore it, or submit the spec again");
        }
        return new ResolvedSpec(r.spec(), r.hash(), point.axes(), r.written(), r.effective(), r.sources());
    }
}
