package org.oodrunner.framework.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Runs that are seeds of one experiment: their resolved specs ({@code spec.effective.json}) are
 * equal once {@code seed}, {@code runtime} and {@code tracking} are left out (threads, devices and
 * the tracking server change how a run is executed and recorded, not what it computes). Groups
 * keep the order in which their first run was given; runs keep theirs within a group.
 */
final class SeedGroups {
    /** The settings that do not make two runs different experiments. */
    static final Set<String> IGNORED = Set.of("seed", "runtime", "tracking");

    private SeedGroups() {}

    /** One group: its name and its runs, one per seed. */
    record Group(String name, List<FinishedRun> runs) {
        List<Long> seeds() {
            return runs.stream().map(SeedGroups::seed).toList();
        }
    }

    static long seed(FinishedRun run) {
        return run.effectiveSpec().path("seed").asLong();
    }

    static List<Group> of(List<FinishedRun> runs) {
        return of(runs, List.of());
    }

    /**
     * @param varies dotted spec paths that may also differ within a group (e.g. {@code data.features.run}, when
     *     each seed's flow reads the features of its own seed's classifier)
     */
    static List<Group> of(List<FinishedRun> runs, List<String> varies) {
        Map<JsonNode, List<FinishedRun>> byExperiment = new LinkedHashMap<>();
        for (FinishedRun r : runs) {
            if (!r.effectiveSpec().has("seed")) {
                // Reached from --seeds, --curves and claims alike, so the hint names no one option.
                throw new BadInputException(r.dir() + " has no spec.effective.json with a seed, so it cannot be grouped "
                        + "with the other seeds of its experiment; give runs written by this runner (each has one), or "
                        + "tabulate it on its own with plain `runner table DIR`");
            }
            byExperiment.computeIfAbsent(experiment(r, varies), k -> new ArrayList<>()).add(r);
        }
        Map<JsonNode, String> baseNames = new LinkedHashMap<>();
        byExperiment.forEach((experiment, members) -> baseNames.put(experiment, baseName(members.get(0))));
        List<Group> groups = new ArrayList<>();
        byExperiment.forEach((experiment, members) -> {
            Map<Long, FinishedRun> bySeed = new LinkedHashMap<>();
            for (FinishedRun r : members) {
                FinishedRun other = bySeed.put(seed(r), r);
                if (other != null) {
                    throw new BadInputException(other.dir() + " and " + r.dir() + " are the same experiment with the same seed "
                            + seed(r) + "; name one of them");
                }
            }
            groups.add(new Group(name(experiment, baseNames), members));
        });
        return groups;
    }

    /** The spec without the settings that do not make a different experiment. */
    static JsonNode experiment(FinishedRun run, List<String> varies) {
        ObjectNode spec = run.effectiveSpec().deepCopy();
        spec.remove(IGNORED);
        for (String path : varies) {
            String[] keys = path.split("\\.");
            JsonNode parent = spec;
            for (int i = 0; i < keys.length - 1 && parent != null; i++) parent = parent.get(keys[i]);
            if (parent instanceof ObjectNode o) o.remove(keys[keys.length - 1]);
        }
        return spec;
    }

    /** The spec's name with the run's grid axes other than seed. */
    private static String baseName(FinishedRun first) {
        String specName = first.results().path("run").path("spec_name")
                .asText(first.effectiveSpec().path("name").asText(first.name()));
        List<String> axes = new ArrayList<>();
        first.results().path("run").path("axes").fields().forEachRemaining(a -> {
            if (!a.getKey().equals("seed")) axes.add(a.getKey() + "=" + text(a.getValue()));
        });
        return axes.isEmpty() ? specName : specName + "[" + String.join(",", axes) + "]";
    }

    /** The base name; when another group has the same one, with the settings in which this group differs from them. */
    private static String name(JsonNode experiment, Map<JsonNode, String> baseNames) {
        String base = baseNames.get(experiment);
        Map<String, String> mine = leaves(experiment);
        Map<String, String> shown = new LinkedHashMap<>();
        baseNames.forEach((other, otherName) -> {
            if (other.equals(experiment) || !otherName.equals(base)) return;
            Map<String, String> theirs = leaves(other);
            mine.forEach((k, v) -> {
                if (!v.equals(theirs.get(k))) shown.putIfAbsent(k, v);
            });
            for (String k : theirs.keySet()) if (!mine.containsKey(k)) shown.putIfAbsent(k, "(absent)");
        });
        if (shown.isEmpty()) return base;
        List<String> parts = new ArrayList<>();
        shown.forEach((k, v) -> parts.add(k + "=" + v));
        return base + " {" + String.join(", ", parts) + "}";
    }

    private static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Every scalar of a spec under its dotted path (list items by index). */
    private static Map<String, String> leaves(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        leaves(node, "", out);
        return out;
    }

    private static void leaves(JsonNode node, String path, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) leaves(node.get(i), path + "[" + i + "]", out);
        } else {
            out.put(path, text(node));
        }
    }
}
