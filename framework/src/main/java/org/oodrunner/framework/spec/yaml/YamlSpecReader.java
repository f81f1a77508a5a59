package org.oodrunner.framework.spec.yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.Position;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.SpecNode;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a YAML spec into position-keeping {@link SpecNode}s, safely.
 *
 * <p>Only composes (never constructs) YAML, so no tag can instantiate a class; any tag other
 * than the plain-data ones is refused. Files, nesting and alias expansion are bounded, so a
 * hostile spec (an "alias bomb") is refused quickly instead of exhausting memory.
 */
public final class YamlSpecReader {
    /** Bounds on what one spec may contain; the defaults are far above any real experiment. */
    public record Limits(long maxFileBytes, int maxNestingDepth, int maxAliases, int maxNodes) {
        public static final Limits DEFAULT = new Limits(1 << 20, 64, 50, 100_000);
    }

    private static final Set<Tag> DATA_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    private final Limits limits;

    public YamlSpecReader() {
        this(Limits.DEFAULT);
    }

    public YamlSpecReader(Limits limits) {
        this.limits = limits;
    }

    /** Reads a spec file; {@code displayName} is how positions name it (the path as the user typed it). */
    public SpecNode read(Path file, String displayName) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(displayName + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(displayName + ": cannot read (" + e.getMessage() + ")");
        }
        if (size > limits.maxFileBytes()) {
            throw new SpecError(new Position(displayName, 0, 0), "the file is " + size
                    + " bytes, over the " + limits.maxFileBytes() + "-byte limit for a spec; specs hold settings, not data");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new SpecError(new Position(displayName, 0, 0), "the file is not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(displayName + ": cannot read (" + e.getMessage() + ")");
        }
        return read(text, displayName);
    }

    /** Reads spec text; an empty document is an empty mapping. */
    public SpecNode read(String text, String displayName) {
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = yaml().compose(reader);
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, displayName);
        } catch (YAMLException e) {
            throw new SpecError(new Position(displayName, 0, 0), "cannot read YAML: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(displayName + ": " + e.getMessage(), e);
        }
        if (root == null) {
            return MapNode.empty(new Position(displayName, 1, 1));
        }
        return new Converter(displayName).convert(root, 0);
    }

    private Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
        options.setProcessComments(false);
        // Global tags are refused below; this inspector also keeps SnakeYAML from ever trusting one.
        options.setTagInspector(tag -> false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new CoreSchemaResolver());
    }

    private static SpecError syntaxError(MarkedYAMLException e, String displayName) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        Position at = mark == null ? new Position(displayName, 0, 0)
                : new Position(displayName, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        if (problem.startsWith("Global tag is not allowed")) {
            return new SpecError(at, "YAML tag " + problem.substring(problem.indexOf(':') + 1).trim()
                    + " is not allowed: specs hold plain data (mappings, lists, strings, numbers, booleans); remove the tag", e);
        }
        if (problem.contains("exceeds the specified max") || problem.contains("Number of aliases")) {
            return new SpecError(at, "too many YAML aliases: " + problem + "; specs may use at most "
                    + "a few anchors (a likely alias bomb)", e);
        }
        return new SpecError(at, "YAML syntax error: " + problem + context, e);
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Turns SnakeYAML nodes into SpecNodes, counting expanded nodes to stop alias bombs. */
    private final class Converter {
        private final String source;
        private int nodes;

        Converter(String source) {
            this.source = source;
        }

        private Position at(Node node) {
            Mark m = node.getStartMark();
            return m == null ? new Position(source, 0, 0) : new Position(source, m.getLine() + 1, m.getColumn() + 1);
        }

        SpecNode convert(Node node, int depth) {
            if (++nodes > limits.maxNodes()) {
                throw new SpecError(at(node), "the spec expands to more than " + limits.maxNodes()
                        + " values (through YAML aliases?); refused as a likely alias bomb");
            }
            if (depth > limits.maxNestingDepth()) {
                throw new SpecError(at(node), "nesting deeper than " + limits.maxNestingDepth() + " levels");
            }
            Tag tag = node.getTag();
            if (!DATA_TAGS.contains(tag)) {
                throw new SpecError(at(node), "YAML tag " + tag + " is not allowed: specs hold plain data "
                        + "(mappings, lists, strings, numbers, booleans); remove the tag");
            }
            if (node instanceof MappingNode map) {
                return convertMap(map, depth);
            }
            if (node instanceof SequenceNode seq) {
                List<SpecNode> items = new ArrayList<>(seq.getValue().size());
                for (Node item : seq.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new ListNode(items, at(node));
            }
            return scalar((org.yaml.snakeyaml.nodes.ScalarNode) node);
        }

        private MapNode convertMap(MappingNode map, int depth) {
            Map<String, SpecNode> entries = new LinkedHashMap<>();
            Map<String, Position> keys = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode keyNode)) {
                    throw new SpecError(at(t.getKeyNode()), "a mapping key must be a plain name, not "
                            + (t.getKeyNode() instanceof MappingNode ? "a mapping" : "a list"));
                }
                if (!DATA_TAGS.contains(keyNode.getTag())) {
                    throw new SpecError(at(keyNode), "YAML tag " + keyNode.getTag() + " is not allowed on a key");
                }
                String key = keyNode.getValue();
                if (entries.containsKey(key)) {
                    throw new SpecError(at(keyNode), "duplicate key '" + key + "' (first written at "
                            + keys.get(key) + "); keep one");
                }
                keys.put(key, at(keyNode));
                entries.put(key, convert(t.getValueNode(), depth + 1));
            }
            return new MapNode(entries, keys, at(map));
        }

        private org.oodrunner.framework.spec.node.ScalarNode scalar(org.yaml.snakeyaml.nodes.ScalarNode node) {
            Position at = at(node);
            String text = node.getValue();
            Tag tag = node.getTag();
            Object value;
            try {
                if (tag.equals(Tag.NULL)) {
                    value = null;
                } else if (tag.equals(Tag.BOOL)) {
                    value = parseBool(text);
                } else if (tag.equals(Tag.INT)) {
                    value = parseInt(text);
                } else if (tag.equals(Tag.FLOAT)) {
                    value = parseFloat(text);
                } else {
                    value = text;
                }
            } catch (NumberFormatException e) {
                throw new SpecError(at, "'" + text + "' is not a valid " + tag.getValue().replace("tag:yaml.org,2002:", ""));
            }
            return new org.oodrunner.framework.spec.node.ScalarNode(value, at);
        }
    }

    static Boolean parseBool(String text) {
        return switch (text) {
            case "true", "True", "TRUE" -> Boolean.TRUE;
            case "false", "False", "FALSE" -> Boolean.FALSE;
            default -> throw new NumberFormatException(text);
        };
    }

    static Long parseInt(String text) {
        if (text.startsWith("0x")) return Long.parseLong(text.substring(2), 16);
        if (text.startsWith("0o")) return Long.parseLong(text.substring(2), 8);
        return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    }

    static Double parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".inf")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (t.equals(".nan")) return Double.NaN;
        return Double.parseDouble(text);
    }
}
