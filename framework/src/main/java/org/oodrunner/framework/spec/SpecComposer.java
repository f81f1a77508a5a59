package org.oodrunner.framework.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.ScalarNode;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/**
 * Reads a spec file and the files it {@code extends}, deep-merging them: bases first (in the
 * order listed), the file itself last. Paths are relative to the file that names them; a
 * cycle is refused with the chain that forms it.
 */
public final class SpecComposer {
    public static final String EXTENDS = "extends";

    private final YamlSpecReader reader;

    public SpecComposer(YamlSpecReader reader) {
        this.reader = reader;
    }

    /** Reads {@code file}; {@code displayName} is how positions name it. */
    public MapNode compose(Path file, String displayName) {
        return compose(file, displayName, new ArrayList<>(), null);
    }

    private MapNode compose(Path file, String displayName, List<Path> chain, Position namedAt) {
        Path canonical = canonical(file, displayName, namedAt);
        if (chain.contains(canonical)) {
            StringBuilder cycle = new StringBuilder();
            for (Path p : chain.subList(chain.indexOf(canonical), chain.size())) {
                cycle.append(p.getFileName()).append(" -> ");
            }
            cycle.append(canonical.getFileName());
            throw new SpecError(namedAt, "extends cycle: " + cycle + "; remove one of these extends");
        }
        SpecNode root = reader.read(file, displayName);
        if (!(root instanceof MapNode map)) {
            throw new SpecError(root.position(), "a spec must be a mapping of settings, not " + root.kindName());
        }
        SpecNode ext = map.get(EXTENDS);
        if (ext == null) return map;

        chain.add(canonical);
        List<ScalarNode> bases = new ArrayList<>();
        if (ext instanceof ScalarNode s && s.isString()) {
            bases.add(s);
        } else if (ext instanceof ListNode l) {
            for (SpecNode item : l.items()) {
                if (!(item instanceof ScalarNode s && s.isString())) {
                    throw new SpecError(item.position(), "extends lists file paths; found " + item.kindName());
                }
                bases.add(s);
            }
        } else {
            throw new SpecError(ext.position(), "extends must be a file path or a list of them, not " + ext.kindName());
        }
        SpecNode merged = null;
        for (ScalarNode base : bases) {
            Path basePath = file.toAbsolutePath().getParent().resolve(base.asString()).normalize();
            String baseName = displayNameFor(displayName, base.asString());
            MapNode baseSpec = compose(basePath, baseName, chain, base.position());
            merged = merged == null ? baseSpec : Nodes.merge(merged, baseSpec);
        }
        chain.remove(chain.size() - 1);
        return (MapNode) Nodes.merge(merged, map.without(EXTENDS));
    }

    private static Path canonical(Path file, String displayName, Position namedAt) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            if (namedAt != null) {
                throw new SpecError(namedAt, "extends names " + displayName + ", which does not exist"
                        + (Files.exists(file.getParent() == null ? Path.of(".") : file.getParent()) ? "" : " (nor its folder)"));
            }
            throw new org.oodrunner.framework.errors.BadInputException(displayName + ": no such file");
        }
    }

    /** Positions name a base file as the user would find it: relative to the extending file's folder. */
    private static String displayNameFor(String parentDisplay, String relative) {
        Path parent = Path.of(parentDisplay).getParent();
        return (parent == null ? Path.of(relative) : parent.resolve(relative)).normalize().toString();
    }
}
