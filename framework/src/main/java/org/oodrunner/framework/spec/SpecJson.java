package org.oodrunner.framework.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.spec.model.MetricRef;
import org.oodrunner.framework.spec.model.ModelRef;
import org.oodrunner.framework.spec.model.ScorerRef;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/**
 * The one Jackson configuration for spec values: snake_case keys, lower-case enum names,
 * unknown keys and nulls for primitives refused, and the component references' short forms.
 */
public final class SpecJson {
    private SpecJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(refs())
            .build();

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A spec tree as JSON. */
    public static JsonNode toJson(SpecNode node) {
        return MAPPER.valueToTree(Nodes.toPlain(node));
    }

    /** A value written as YAML text (a default in a {@code @Param}) as JSON. */
    public static JsonNode parseYamlValue(String yaml) {
        return toJson(new YamlSpecReader().read(yaml, "<default>"));
    }

    private static SimpleModule refs() {
        SimpleModule m = new SimpleModule("spec-refs");
        m.addDeserializer(ModelRef.class, new JsonDeserializer<>() {
            @Override
            public ModelRef deserialize(JsonParser p, DeserializationContext c) throws IOException {
                ObjectNode node = (ObjectNode) c.readTree(p);
                return new ModelRef(node.path("type").asText(null), rest(node, List.of("type")));
            }
        });
        m.addDeserializer(ScorerRef.class, new JsonDeserializer<>() {
            @Override
            public ScorerRef deserialize(JsonParser p, DeserializationContext c) throws IOException {
                JsonNode node = c.readTree(p);
                if (node.isTextual()) return new ScorerRef(node.asText(), null, Map.of());
                return new ScorerRef(node.path("type").asText(null), node.path("name").asText(null),
                        rest((ObjectNode) node, List.of("type", "name")));
            }
        });
        m.addDeserializer(MetricRef.class, new JsonDeserializer<>() {
            @Override
            public MetricRef deserialize(JsonParser p, DeserializationContext c) throws IOException {
                JsonNode node = c.readTree(p);
                if (node.isTextual()) return new MetricRef(node.asText(), Map.of());
                return new MetricRef(node.path("type").asText(null), rest((ObjectNode) node, List.of("type")));
            }
        });
        m.addDeserializer(DatasetRef.class, new JsonDeserializer<>() {
            @Override
            public DatasetRef deserialize(JsonParser p, DeserializationContext c) throws IOException {
                ObjectNode node = (ObjectNode) c.readTree(p);
                List<Integer> classes = null;
                if (node.hasNonNull("classes")) {
                    classes = new ArrayList<>();
                    for (JsonNode cl : node.get("classes")) classes.add(cl.asInt());
                }
                List<Integer> range = null;
                if (node.hasNonNull("range")) {
                    range = new ArrayList<>();
                    for (JsonNode bound : node.get("range")) range.add(bound.asInt());
                }
                return new DatasetRef(node.path("dataset").asText(null),
                        node.hasNonNull("split") ? node.get("split").asText() : null,
                        range,
                        node.hasNonNull("order") ? MAPPER.convertValue(node.get("order"), DatasetRef.Order.class) : null,
                        node.hasNonNull("limit") ? node.get("limit").asDouble() : null,
                        classes,
                        node.hasNonNull("label") ? node.get("label").asText() : null,
                        rest(node, DatasetRef.COMMON_KEYS));
            }
        });
        return m;
    }

    private static Map<String, Object> rest(ObjectNode node, List<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!known.contains(e.getKey())) {
                out.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
            }
        }
        return out;
    }
}
