package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Results over seeds, in Markdown: the runs are grouped by {@link SeedGroups} and, per group,
 * bits/dim per set and every metric per scorer and OOD set are given as mean ± sample sd with
 * [min, max], followed by the per-seed values they summarise. The provenance of every run comes
 * first, as in {@link ResultsMarkdown}.
 */
public final class SeedsMarkdown {
    static final String EXPLANATION = "Each value: mean ± sd over the seeds of a group, sd the sample standard deviation "
            + "(divided by n - 1), then [min, max]. A group is the runs whose resolved specs (spec.effective.json) are equal "
            + "except for seed, runtime and tracking.";

    private SeedsMarkdown() {}

    /** The tables of the runs in {@code dirs} (run directories, or grid records standing for their points). */
    public static String render(List<Path> dirs) {
        return render(dirs, List.of());
    }

    /**
     * @param varies dotted spec paths that may also differ within a group (e.g. {@code data.features.run}, when each
     *     seed's flow reads its own seed's classifier)
     */
    public static String render(List<Path> dirs, List<String> varies) {
        List<FinishedRun> runs = RunDirectories.read(dirs);
        StringBuilder b = new StringBuilder();
        b.append(EXPLANATION).append("\n\n");
        ResultsMarkdown.provenance(runs, b);
        for (SeedGroups.Group g : SeedGroups.of(runs, varies)) group(g, b);
        return b.toString();
    }

    private static void group(SeedGroups.Group g, StringBuilder b) {
        List<Long> seeds = g.seeds();
        b.append("### ").append(g.name()).append(": ").append(seeds.size()).append(seeds.size() == 1 ? " seed (" : " seeds (")
                .append(seeds.stream().map(String::valueOf).collect(Collectors.joining(", "))).append(")\n\n");
        bitsPerDim(g, b);
        metrics(g, b);
    }

    private static void bitsPerDim(SeedGroups.Group g, StringBuilder b) {
        Map<String, JsonNode> sets = new LinkedHashMap<>();
        for (FinishedRun r : g.runs()) {
            r.results().path("datasets").fields().forEachRemaining(d -> {
                if (d.getValue().has("bits_per_dim")) sets.putIfAbsent(d.getKey(), d.getValue());
            });
        }
        if (sets.isEmpty()) return;
        List<List<String>> rows = new ArrayList<>();
        sets.forEach((set, first) -> {
            List<Double> values = new ArrayList<>();
            for (FinishedRun r : g.runs()) {
                JsonNode v = r.results().path("datasets").path(set).path("bits_per_dim").path("mean");
                if (v.isNumber()) values.add(v.asDouble());
            }
            rows.add(List.of(set, first.path("role").asText(), first.path("n").asText(), cell(Spread.of(values), g)));
        });
        MarkdownTable.append(b, "Bits per dimension over seeds: " + g.name(), List.of("dataset", "role", "n", "bits/dim"), rows);
        List<String> header = new ArrayList<>(List.of("seed", "run"));
        header.addAll(sets.keySet());
        List<List<String>> perSeed = new ArrayList<>();
        for (FinishedRun r : g.runs()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(SeedGroups.seed(r)), "`" + r.hash() + "`"));
            for (String set : sets.keySet()) row.add(value(r.results().path("datasets").path(set).path("bits_per_dim").path("mean")));
            perSeed.add(row);
        }
        MarkdownTable.append(b, "Bits per dimension per seed: " + g.name(), header, perSeed);
    }

    private static void metrics(SeedGroups.Group g, StringBuilder b) {
        Map<String, Set<String>> setsByScorer = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (FinishedRun r : g.runs()) {
            r.results().path("metrics").fields().forEachRemaining(scorer -> scorer.getValue().fields().forEachRemaining(set -> {
                setsByScorer.computeIfAbsent(scorer.getKey(), k -> new LinkedHashSet<>()).add(set.getKey());
                set.getValue().fieldNames().forEachRemaining(names::add);
            }));
        }
        if (setsByScorer.isEmpty()) return;
        List<String> header = new ArrayList<>(List.of("scorer", "OOD set"));
        header.addAll(names);
        List<List<String>> rows = new ArrayList<>();
        List<String> perSeedHeader = new ArrayList<>(List.of("scorer", "OOD set", "seed", "run"));
        perSeedHeader.addAll(names);
        List<List<String>> perSeed = new ArrayList<>();
        setsByScorer.forEach((scorer, sets) -> {
            for (String set : sets) {
                List<String> row = new ArrayList<>(List.of(scorer, set));
                for (String m : names) {
                    List<Double> values = new ArrayList<>();
                    for (FinishedRun r : g.runs()) {
                        JsonNode v = r.results().path("metrics").path(scorer).path(set).path(m);
                        if (v.isNumber()) values.add(v.asDouble());
                    }
                    row.add(values.isEmpty() ? "" : cell(Spread.of(values), g));
                }
                rows.add(row);
                for (FinishedRun r : g.runs()) {
                    List<String> seedRow = new ArrayList<>(List.of(scorer, set, String.valueOf(SeedGroups.seed(r)),
                            "`" + r.hash() + "`"));
                    for (String m : names) seedRow.add(value(r.results().path("metrics").path(scorer).path(set).path(m)));
                    perSeed.add(seedRow);
                }
            }
        });
        MarkdownTable.append(b, "Metrics over seeds: " + g.name(), header, rows);
        MarkdownTable.append(b, "Metrics per seed: " + g.name(), perSeedHeader, perSeed);
    }

    /** {@code mean ± sd [min, max]}, with the count when some seeds lack the value. */
    private static String cell(Spread s, SeedGroups.Group g) {
        String c = s.meanSd() + " " + s.range();
        return s.n() < g.runs().size() ? c + " (" + s.n() + " of " + g.runs().size() + " seeds)" : c;
    }

    private static String value(JsonNode v) {
        return v.isNumber() ? Spread.format(v.asDouble()) : "";
    }
}
