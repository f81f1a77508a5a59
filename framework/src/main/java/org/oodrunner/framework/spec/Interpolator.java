package org.oodrunner.framework.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.ScalarNode;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/**
 * Replaces {@code ${...}} in string values: {@code ${env:NAME}}, {@code ${env:NAME:-default}}
 * and {@code ${path.to.field}} (another value of the same spec). A string that is exactly one
 * reference takes the referenced value with its type ({@code ${model.width}} stays a number;
 * an environment value is read as a YAML scalar); a reference inside longer text is spliced in
 * as text. {@code $${} writes a literal {@code ${}.
 */
public final class Interpolator {
    private final Function<String, String> environment;

    public Interpolator(Function<String, String> environment) {
        this.environment = environment;
    }

    public SpecNode resolve(SpecNode root) {
        return new Pass(root).resolve(root, SpecPath.ROOT);
    }

    private final class Pass {
        private final SpecNode root;
        private final Set<SpecPath> resolving = new HashSet<>();

        Pass(SpecNode root) {
            this.root = root;
        }

        SpecNode resolve(SpecNode node, SpecPath path) {
            if (node instanceof MapNode m) {
                Map<String, SpecNode> out = new LinkedHashMap<>();
                m.entries().forEach((k, v) -> out.put(k, resolve(v, path.child(k))));
                return new MapNode(out, m.keyPositions(), m.position());
            }
            if (node instanceof ListNode l) {
                List<SpecNode> out = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) out.add(resolve(l.get(i), path.child(i)));
                return new ListNode(out, l.position());
            }
            ScalarNode s = (ScalarNode) node;
            if (!(s.value() instanceof String text) || !text.contains("${")) return s;
            if (!resolving.add(path)) {
                throw new SpecError(s.position(), "reference cycle through '" + path + "'");
            }
            try {
                return interpolate(text, s.position());
            } finally {
                resolving.remove(path);
            }
        }

        private SpecNode interpolate(String text, Position at) {
            List<Object> parts = new ArrayList<>(); // String literals and SpecNode values
            int i = 0;
            StringBuilder literal = new StringBuilder();
            while (i < text.length()) {
                if (text.startsWith("$${", i)) {
                    literal.append("${");
                    i += 3;
                } else if (text.startsWith("${", i)) {
                    int close = text.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpecError(at, "unclosed '${' in \"" + text + "\"; write $${ for a literal ${");
                    }
                    if (literal.length() > 0) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(lookup(text.substring(i + 2, close).trim(), at));
                    i = close + 1;
                } else {
                    literal.append(text.charAt(i++));
                }
            }
            if (literal.length() > 0) parts.add(literal.toString());
            if (parts.size() == 1 && parts.get(0) instanceof SpecNode single) {
                return withPosition(single, at);
            }
            StringBuilder sb = new StringBuilder();
            for (Object p : parts) {
                if (p instanceof String str) {
                    sb.append(str);
                } else if (p instanceof ScalarNode sc) {
                    sb.append(sc.isNull() ? "" : sc.asString());
                } else {
                    throw new SpecError(at, "cannot splice " + ((SpecNode) p).kindName() + " into text in \"" + text + "\"");
                }
            }
            return new ScalarNode(sb.toString(), at);
        }

        private SpecNode lookup(String ref, Position at) {
            if (ref.startsWith("env:")) {
                String body = ref.substring(4);
                int dflt = body.indexOf(":-");
                String name = dflt < 0 ? body : body.substring(0, dflt);
                String value = environment.apply(name);
                if (value == null || (value.isEmpty() && dflt >= 0)) {
                    if (dflt < 0) {
                        throw new SpecError(at, "environment variable " + name + " is not set; set it, or give a default: ${env:"
                                + name + ":-VALUE}");
                    }
                    value = body.substring(dflt + 2);
                }
                return asScalar(value, at);
            }
            SpecPath path = SpecPath.parse(ref);
            if (path == null || path.isRoot()) {
                throw new SpecError(at, "'${" + ref + "}' is not a reference; write ${env:NAME}, ${env:NAME:-default} or ${path.to.field}");
            }
            SpecNode target = Nodes.get(root, path);
            if (target == null) {
                throw new SpecError(at, "'${" + ref + "}' refers to '" + path + "', which the spec does not set");
            }
            return resolve(target, path);
        }

        private SpecNode asScalar(String value, Position at) {
            try {
                SpecNode parsed = new YamlSpecReader().read(value, at.toString());
                if (parsed instanceof ScalarNode s) return new ScalarNode(s.value(), at);
            } catch (SpecError ignored) {
                // not a YAML scalar: keep the text as it is
            }
            return new ScalarNode(value, at);
        }

        private SpecNode withPosition(SpecNode node, Position at) {
            return node instanceof ScalarNode s ? new ScalarNode(s.value(), at) : node;
        }
    }
}
