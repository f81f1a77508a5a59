package org.oodrunner.framework.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.spec.Position;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.Suggestions;

/**
 * Validates a resolved spec against the generated schema with networknt's validator and turns
 * each violation into one line naming {@code file:line:column}, what is wrong and how to fix it.
 */
public final class SchemaValidator {
    private final JsonNode schemaNode;
    private final JsonSchema schema;

    public SchemaValidator(JsonNode schemaNode) {
        this.schemaNode = schemaNode;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(com.networknt.schema.PathType.JSON_POINTER)
                .build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode, config);
    }

    /** Every problem, ordered by position; empty when the spec is valid. */
    public List<SpecError> validate(JsonNode spec, SourceMap sources) {
        Set<ValidationMessage> messages = schema.validate(spec);
        List<SpecError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            SpecError e = describe(m, spec, sources);
            if (e != null && seen.add(e.getMessage())) errors.add(e);
        }
        errors.sort(Comparator.comparing((SpecError e) -> e.position().source())
                .thenComparingInt(e -> e.position().line())
                .thenComparingInt(e -> e.position().column()));
        return errors;
    }

    private SpecError describe(ValidationMessage m, JsonNode spec, SourceMap sources) {
        String pointer = pointer(m.getInstanceLocation());
        String path = dotted(m.getInstanceLocation());
        JsonNode value = spec.at(pointer);
        JsonNode keywordParent = schemaAt(m.getSchemaLocation().getFragment(), 1);
        String where = path.isEmpty() ? "the spec" : "'" + path + "'";
        switch (m.getType()) {
            case "additionalProperties": {
                String key = m.getProperty();
                Set<String> allowed = new LinkedHashSet<>();
                JsonNode props = keywordParent == null ? null : keywordParent.get("properties");
                if (props != null) props.fieldNames().forEachRemaining(allowed::add);
                Position at = sources.key(pointer + "/" + escape(key));
                String hint = Suggestions.hint(key, allowed);
                return new SpecError(at, "unknown key '" + key + "' in " + where + hint);
            }
            case "required": {
                String key = m.getProperty();
                JsonNode doc = keywordParent == null ? null : keywordParent.path("properties").path(key).get("description");
                return new SpecError(sources.value(pointer), where + " needs '" + key + "'"
                        + (doc == null ? "" : " (" + doc.asText() + ")"));
            }
            case "enum": {
                JsonNode enumNode = schemaAt(m.getSchemaLocation().getFragment(), 0);
                List<String> names = new ArrayList<>();
                if (enumNode != null) enumNode.forEach(n -> { if (!n.isNull()) names.add(n.asText()); });
                String kind = keywordParent != null && keywordParent.has("title") ? keywordParent.get("title").asText() : null;
                String shown = value.isTextual() ? value.asText() : value.toString();
                if (kind != null) {
                    return new SpecError(sources.value(pointer), "unknown " + kind + " '" + shown + "'"
                            + Suggestions.hint(shown, names) + " (`runner components` lists them)");
                }
                return new SpecError(sources.value(pointer), where + " is '" + shown + "'"
                        + Suggestions.hint(shown, names));
            }
            case "type": {
                JsonNode expected = keywordParent == null ? null : keywordParent.get("type");
                return new SpecError(sources.value(pointer), where + " must be " + typeWords(expected)
                        + ", not " + describeValue(value));
            }
            case "minimum":
            case "exclusiveMinimum":
            case "maximum":
            case "exclusiveMaximum": {
                JsonNode bound = keywordParent == null ? null : keywordParent.get(m.getType());
                String op = switch (m.getType()) {
                    case "minimum" -> ">=";
                    case "exclusiveMinimum" -> ">";
                    case "maximum" -> "<=";
                    default -> "<";
                };
                return new SpecError(sources.value(pointer), where + " is " + value + "; it must be " + op + " "
                        + (bound == null ? "the bound" : bound.asText()));
            }
            case "minItems":
                return new SpecError(sources.value(pointer), where + " must not be empty");
            case "const":
            case "if":
            case "then":
            case "else":
            case "allOf":
                return null; // reported through the branch's own errors
            default:
                return new SpecError(sources.value(pointer), where + ": " + stripPath(m.getMessage()));
        }
    }

    /** The schema node at a location's fragment with {@code up} trailing segments removed. */
    private JsonNode schemaAt(JsonNodePath fragment, int up) {
        if (fragment == null) return null;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fragment.getNameCount() - up; i++) {
            sb.append('/').append(escape(String.valueOf(fragment.getElement(i))));
        }
        JsonNode n = schemaNode.at(sb.toString());
        return n.isMissingNode() ? null : n;
    }

    private static String pointer(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    private static String dotted(JsonNodePath path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object e = path.getElement(i);
            if (e instanceof Integer) {
                sb.append('[').append(e).append(']');
            } else {
                if (sb.length() > 0) sb.append('.');
                sb.append(e);
            }
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }

    private static String typeWords(JsonNode type) {
        if (type == null) return "another type";
        List<String> words = new ArrayList<>();
        Iterator<JsonNode> it = type.isArray() ? type.elements() : List.of(type).iterator();
        while (it.hasNext()) {
            String t = it.next().asText();
            words.add(switch (t) {
                case "object" -> "a mapping";
                case "array" -> "a list";
                case "integer" -> "an integer";
                case "number" -> "a number";
                case "boolean" -> "true or false";
                case "string" -> "a string";
                case "null" -> "null";
                default -> t;
            });
        }
        return String.join(" or ", words);
    }

    private static String describeValue(JsonNode v) {
        if (v.isObject()) return "a mapping";
        if (v.isArray()) return "a list";
        if (v.isTextual()) return "the string '" + v.asText() + "'";
        if (v.isNull()) return "null";
        return v.toString();
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("/") ? message.substring(colon + 2) : message;
    }
}
