package org.oodrunner.framework.spec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import org.oodrunner.framework.component.ParamInfo;
import org.oodrunner.framework.spec.model.ComponentRef;

/**
 * Binds JSON spec values to immutable records with Jackson, first filling every missing
 * parameter with its {@link org.oodrunner.framework.component.Param} default. Binding errors
 * name the spec position of the offending value.
 */
public final class RecordBinder {
    private RecordBinder() {}

    /**
     * Binds {@code node} (found at {@code pointer} in the spec) to {@code type}.
     */
    public static <R extends Record> R bind(JsonNode node, Class<R> type, SourceMap sources, String pointer) {
        JsonNode filled = withDefaults(node, type);
        try {
            return SpecJson.mapper().treeToValue(filled, type);
        } catch (JsonMappingException e) {
            StringBuilder at = new StringBuilder(pointer);
            for (JsonMappingException.Reference ref : e.getPath()) {
                at.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
            // A record's own check of its values (its constructor's IllegalArgumentException) says it best.
            String problem = e.getCause() instanceof IllegalArgumentException bad && bad.getMessage() != null
                    ? bad.getMessage() : e.getOriginalMessage();
            int nl = problem.indexOf('\n');
            throw new SpecError(sources.value(at.toString()), "invalid value: " + (nl < 0 ? problem : problem.substring(0, nl)), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpecError(sources.value(pointer), "invalid value: " + e.getOriginalMessage(), e);
        }
    }

    /** A copy of {@code node} with every missing parameter of {@code type} (recursively) set to its default. */
    public static JsonNode withDefaults(JsonNode node, Class<? extends Record> type) {
        if (node == null || node.isNull()) {
            node = SpecJson.mapper().createObjectNode();
        }
        if (!node.isObject()) return node;
        ObjectNode out = ((ObjectNode) node).deepCopy();
        for (ParamInfo p : ParamInfo.of(type)) {
            if (!out.has(p.name()) && !p.required()) {
                out.set(p.name(), SpecJson.parseYamlValue(p.defaultYaml()));
            }
            JsonNode value = out.get(p.name());
            if (value != null) out.set(p.name(), fillNested(value, p.javaType()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static JsonNode fillNested(JsonNode value, Type t) {
        if (t instanceof Class<?> c && c.isRecord() && !ComponentRef.class.isAssignableFrom(c) && value.isObject()) {
            return withDefaults(value, (Class<? extends Record>) c);
        }
        if (t instanceof ParameterizedType pt && List.class.isAssignableFrom((Class<?>) pt.getRawType()) && value.isArray()) {
            ArrayNode arr = SpecJson.mapper().createArrayNode();
            for (JsonNode item : value) arr.add(fillNested(item, pt.getActualTypeArguments()[0]));
            return arr;
        }
        return value;
    }
}
