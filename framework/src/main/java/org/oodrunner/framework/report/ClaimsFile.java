package org.oodrunner.framework.report;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.Suggestions;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.ScalarNode;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/**
 * Reads a claims file (YAML): a list of claims, or a mapping with {@code claims:} holding it. Each
 * claim has {@code claim}, {@code paper}, {@code section}, and either {@code runs} (optionally
 * narrowed by {@code where}: grid axis values) with {@code value} and {@code holds_if} ({@code command}
 * defaults to the command the runs recorded), or no runs (not run here) and usually a
 * {@code note} saying why. Every problem is one line at the file's line and column.
 */
final class ClaimsFile {
    static final Set<String> KEYS = Set.of("claim", "paper", "runs", "where", "value", "holds_if", "command", "section", "note",
            "varies");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaimsFile() {}

    static List<Claim> read(Path file) {
        SpecNode root = new YamlSpecReader().read(file, file.toString());
        SpecNode list = root;
        if (root instanceof MapNode map) {
            for (String key : map.entries().keySet()) {
                if (!key.equals("claims")) {
                    throw new SpecError(map.keyPosition(key), "unknown key '" + key + "' in a claims file" + Suggestions.hint(key, Set.of("claims")));
                }
            }
            list = map.get("claims");
            if (list == null) throw new SpecError(root.position(), "a claims file needs 'claims:', a list of claims");
        }
        if (!(list instanceof ListNode claims)) {
            throw new SpecError(list.position(), "'claims' must be a list of claims, not " + list.kindName());
        }
        if (claims.size() == 0) throw new SpecError(claims.position(), "the claims list is empty; add a claim");
        List<Claim> out = new ArrayList<>();
        for (SpecNode c : claims.items()) out.add(claim(c));
        return out;
    }

    private static Claim claim(SpecNode node) {
        if (!(node instanceof MapNode map)) {
            throw new SpecError(node.position(), "a claim must be a mapping (claim, paper, runs, value, holds_if, command, "
                    + "section, note), not " + node.kindName());
        }
        for (String key : map.entries().keySet()) {
            if (!KEYS.contains(key)) throw new SpecError(map.keyPosition(key), "unknown key '" + key + "' in a claim" + Suggestions.hint(key, KEYS));
        }
        String claim = text(map, "claim", true);
        String paper = text(map, "paper", true);
        String section = text(map, "section", true);
        if (!section.startsWith("#")) {
            throw new SpecError(map.get("section").position(), "section '" + section + "' must be a link target within the "
                    + "document, starting with '#' (e.g. #glow-on-fashion-mnist-vs-mnist)");
        }
        String note = text(map, "note", false);
        List<Claim.Written<String>> runs = runs(map);
        if (runs.isEmpty()) {
            // Not run here: what is written is still checked, so filling in the runs later is all that is left.
            return new Claim(claim, paper, runs, where(map), varies(map), map.has("value") ? value(map) : null,
                    map.has("holds_if") ? holdsIf(map) : null, text(map, "command", false), section, note, map.position());
        }
        return new Claim(claim, paper, runs, where(map), varies(map), value(map), holdsIf(map), text(map, "command", false), section, note,
                map.position());
    }

    private static String text(MapNode map, String key, boolean required) {
        SpecNode v = map.get(key);
        if (v == null || v instanceof ScalarNode s && s.isNull()) {
            if (required) {
                throw new SpecError(map.position(), "a claim needs '" + key + "'");
            }
            return null;
        }
        if (!(v instanceof ScalarNode s) || s.value() instanceof Boolean) {
            throw new SpecError(v.position(), "'" + key + "' must be text, not " + v.kindName());
        }
        return s.asString().strip();
    }

    private static List<Claim.Written<String>> runs(MapNode map) {
        SpecNode v = map.get("runs");
        List<Claim.Written<String>> out = new ArrayList<>();
        if (v == null || v instanceof ScalarNode s && s.isNull()) return out;
        if (!(v instanceof ListNode list)) {
            throw new SpecError(v.position(), "'runs' must be a list of run or grid directories, not " + v.kindName());
        }
        for (SpecNode item : list.items()) {
            if (!(item instanceof ScalarNode s) || !s.isString()) {
                throw new SpecError(item.position(), "each of 'runs' must be a directory (text), not " + item.kindName());
            }
            out.add(new Claim.Written<>(s.asString(), s.position()));
        }
        return out;
    }

    private static List<String> varies(MapNode map) {
        SpecNode v = map.get("varies");
        List<String> out = new ArrayList<>();
        if (v == null || v instanceof ScalarNode s && s.isNull()) return out;
        if (!(v instanceof ListNode list)) {
            throw new SpecError(v.position(), "'varies' must be a list of spec paths (e.g. [data.features.run]), not " + v.kindName());
        }
        for (SpecNode item : list.items()) {
            if (!(item instanceof ScalarNode s) || !s.isString() || s.asString().isBlank()) {
                throw new SpecError(item.position(), "each of 'varies' must be a dotted spec path (e.g. data.features.run), not "
                        + item.kindName());
            }
            out.add(s.asString().strip());
        }
        return out;
    }

    private static Map<String, JsonNode> where(MapNode map) {
        SpecNode v = map.get("where");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (v == null) return out;
        if (!(v instanceof MapNode m)) {
            throw new SpecError(v.position(), "'where' must be a mapping of grid axes to values (e.g. {model.mask: cyclic}), "
                    + "not " + v.kindName());
        }
        m.entries().forEach((axis, value) -> out.put(axis, AxisValues.normal(JSON.valueToTree(Nodes.toPlain(value)))));
        return out;
    }

    private static Claim.Written<ClaimValue> value(MapNode map) {
        SpecNode v = map.get("value");
        if (v == null) {
            throw new SpecError(map.position(), "a claim with runs needs 'value': a JSON Pointer into results.json "
                    + "(e.g. /metrics/log_likelihood/mnist~1test/auroc) or {difference: [POINTER_A, POINTER_B]}");
        }
        if (v instanceof MapNode m && m.get("over_training") != null) {
            for (String key : m.entries().keySet()) {
                if (!key.equals("over_training") && !key.equals("take")) {
                    throw new SpecError(m.keyPosition(key), "unknown key '" + key + "' in 'value'; write "
                            + "{over_training: eval/KEY, take: max} or {over_training: eval/KEY, take: min}");
                }
            }
            SpecNode key = m.get("over_training");
            if (!(key instanceof ScalarNode s) || !s.isString() || !s.asString().startsWith("eval/")) {
                throw new SpecError(key.position(), "'over_training' must be an evaluation history's key as metrics.jsonl "
                        + "writes it, starting with eval/ (e.g. eval/log_likelihood/mnist/test/auroc)");
            }
            SpecNode take = m.get("take");
            if (!(take instanceof ScalarNode t) || !(t.asString().equals("max") || t.asString().equals("min"))) {
                throw new SpecError((take == null ? m : take).position(), "'over_training' needs 'take: max' or 'take: min' "
                        + "(the largest or smallest value over the evaluations after step 0)");
            }
            return new Claim.Written<>(ClaimValue.overTraining(s.asString(), ((ScalarNode) take).asString().equals("max")),
                    v.position());
        }
        if (v instanceof MapNode m) {
            for (String key : m.entries().keySet()) {
                if (!key.equals("difference")) {
                    throw new SpecError(m.keyPosition(key), "unknown key '" + key + "' in 'value'; write {difference: [A, B]} "
                            + "or {over_training: eval/KEY, take: max|min}");
                }
            }
            SpecNode d = m.get("difference");
            if (!(d instanceof ListNode pair) || pair.size() != 2) {
                throw new SpecError((d == null ? m : d).position(), "'difference' must be a list of two JSON Pointers [A, B] (the value is A - B)");
            }
            return new Claim.Written<>(ClaimValue.difference(pointer(pair.get(0)), pointer(pair.get(1))), v.position());
        }
        return new Claim.Written<>(ClaimValue.of(pointer(v)), v.position());
    }

    private static JsonPointer pointer(SpecNode node) {
        if (!(node instanceof ScalarNode s) || !s.isString()) {
            throw new SpecError(node.position(), "a value must be a JSON Pointer into results.json (text), not " + node.kindName());
        }
        String p = s.asString();
        if (!p.startsWith("/")) {
            throw new SpecError(node.position(), "'" + p + "' is not a JSON Pointer: start it with '/', e.g. "
                    + "/metrics/log_likelihood/mnist~1test/auroc (write '/' inside a key as ~1)");
        }
        try {
            return JsonPointer.compile(p);
        } catch (IllegalArgumentException e) {
            throw new SpecError(node.position(), "'" + p + "' is not a valid JSON Pointer: " + e.getMessage());
        }
    }

    private static Threshold holdsIf(MapNode map) {
        SpecNode v = map.get("holds_if");
        if (v == null) {
            throw new SpecError(map.position(), "a claim with runs needs 'holds_if', the direction the paper's claim needs, "
                    + "e.g. \"< 0.5\" or \"> 0.9\"");
        }
        Threshold t = v instanceof ScalarNode s && s.isString() ? Threshold.parse(s.asString()) : null;
        if (t == null) {
            throw new SpecError(v.position(), "holds_if must be a comparison with a number, e.g. \"< 0.5\", \"> 0.9\", "
                    + "\">= 0\", \"== 0\" (quoted), not " + (v instanceof ScalarNode s ? "'" + s.asString() + "'" : v.kindName()));
        }
        return t;
    }
}
