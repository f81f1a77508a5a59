package org.oodrunner.framework.spec.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 rules:
 * {@code yes}/{@code no}/{@code on} stay strings (no "Norway problem") and {@code 1e-3} is a
 * number, which is how researchers write learning rates.
 */
final class CoreSchemaResolver extends Resolver {
    static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    static final Pattern INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.NULL, NULL, null);
        addImplicitResolver(Tag.BOOL, BOOL, null);
        addImplicitResolver(Tag.INT, INT, null);
        addImplicitResolver(Tag.FLOAT, FLOAT, null);
    }
}
