package org.oodrunner.framework.spec.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.ParamInfo;
import org.oodrunner.framework.spec.GridExpander;
import org.oodrunner.framework.spec.SpecComposer;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.MetricRef;
import org.oodrunner.framework.spec.model.ModelRef;
import org.oodrunner.framework.spec.model.ScorerRef;

/**
 * Generates the JSON Schema (draft 2020-12) of experiment specs from the spec records and the
 * registered components, so the schema can never drift from the code. The same schema
 * validates specs at load time and, written to {@code schemas/}, gives editors completion.
 */
public final class SpecSchema {
    public static final String ID = "https://oodrunner.org/schemas/experiment.schema.json";
    private static final String DEFS = "#/$defs/";

    private final ComponentRegistry registry;
    private final ObjectNode defs = SpecJson.mapper().createObjectNode();

    private SpecSchema(ComponentRegistry registry) {
        this.registry = registry;
    }

    public static ObjectNode generate(ComponentRegistry registry) {
        return new SpecSchema(registry).root();
    }

    private ObjectNode root() {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", ID);
        root.put("title", "OOD runner experiment spec");
        root.put("description", "An out-of-distribution detection experiment: datasets, model, training, scorers, metrics.");
        ObjectNode spec = recordSchema(ExperimentSpec.class);
        ObjectNode props = (ObjectNode) spec.get("properties");
        ObjectNode ext = props.putObject(SpecComposer.EXTENDS);
        ext.put("description", "spec file(s) this one builds on, relative to this file; merged key by key");
        ArrayNode extTypes = ext.putArray("anyOf");
        extTypes.addObject().put("type", "string");
        extTypes.addObject().put("type", "array").putObject("items").put("type", "string");
        ObjectNode grid = props.putObject(GridExpander.GRID);
        grid.put("type", "object");
        grid.put("description", "dotted path -> list of values; one run per combination");
        grid.putObject("additionalProperties").put("type", "array").put("minItems", 1);
        root.setAll(spec);
        for (ComponentKind kind : ComponentKind.values()) {
            defs.set("slot." + kind.word(), slot(kind));
        }
        root.set("$defs", defs);
        return root;
    }

    /** An object schema for a params record: properties from its @Param components. */
    private ObjectNode recordSchema(Class<? extends Record> type) {
        ObjectNode schema = SpecJson.mapper().createObjectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = SpecJson.mapper().createArrayNode();
        for (ParamInfo p : ParamInfo.of(type)) {
            props.set(p.name(), paramSchema(p));
            if (p.required()) required.add(p.name());
        }
        if (!required.isEmpty()) schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode paramSchema(ParamInfo p) {
        JsonNode dflt = p.required() ? null : SpecJson.parseYamlValue(p.defaultYaml());
        boolean nullable = dflt != null && dflt.isNull();
        ObjectNode s = typeSchema(p.javaType(), nullable);
        s.put("description", p.doc());
        if (dflt != null) s.set("default", dflt);
        if (p.min() != Double.NEGATIVE_INFINITY) number(s, p.exclusiveMin() ? "exclusiveMinimum" : "minimum", p.min());
        if (p.max() != Double.POSITIVE_INFINITY) number(s, "maximum", p.max());
        return s;
    }

    private static void number(ObjectNode s, String key, double v) {
        if (v == Math.rint(v)) s.put(key, (long) v);
        else s.put(key, v);
    }

    @SuppressWarnings("unchecked")
    private ObjectNode typeSchema(Type t, boolean nullable) {
        ObjectNode s = SpecJson.mapper().createObjectNode();
        if (t instanceof ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (List.class.isAssignableFrom(raw)) {
                types(s, "array", nullable);
                s.set("items", typeSchema(pt.getActualTypeArguments()[0], false));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                types(s, "object", nullable);
                return s;
            }
        }
        Class<?> c = (Class<?>) t;
        String slot = slotFor(c);
        if (slot != null) {
            if (nullable) {
                s.putObject("if").put("type", "null");
                s.putObject("else").put("$ref", DEFS + slot);
            } else {
                s.put("$ref", DEFS + slot);
            }
            return s;
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            types(s, "integer", nullable);
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            types(s, "number", nullable);
        } else if (c == boolean.class || c == Boolean.class) {
            types(s, "boolean", nullable);
        } else if (c == String.class) {
            types(s, "string", nullable);
        } else if (c.isEnum()) {
            ArrayNode values = s.putArray("enum");
            for (Object e : c.getEnumConstants()) values.add(((Enum<?>) e).name().toLowerCase(Locale.ROOT));
            if (nullable) values.addNull();
        } else if (c.isRecord()) {
            s = recordSchema((Class<? extends Record>) c);
            if (nullable) types(s, "object", true);
        } else {
            throw new IllegalStateException("no schema for parameter type " + c.getName());
        }
        return s;
    }

    private static void types(ObjectNode s, String type, boolean nullable) {
        if (nullable) {
            s.putArray("type").add(type).add("null");
        } else {
            s.put("type", type);
        }
    }

    private static String slotFor(Class<?> c) {
        if (c == ModelRef.class) return "slot.model";
        if (c == ScorerRef.class) return "slot.scorer";
        if (c == MetricRef.class) return "slot.metric";
        if (c == DatasetRef.class) return "slot.dataset";
        return null;
    }

    /**
     * The schema of a place where a component of {@code kind} is named: a discriminator
     * ({@code type}, or {@code dataset} for datasets) selects the component's own schema.
     * Scorers and metrics may also be written as a bare name.
     */
    private ObjectNode slot(ComponentKind kind) {
        String key = kind == ComponentKind.DATASET ? "dataset" : "type";
        Map<String, ComponentDescriptor<?, ?>> components = registry.of(kind);
        ObjectNode object = SpecJson.mapper().createObjectNode();
        object.put("type", "object");
        object.putArray("required").add(key);
        ObjectNode discriminator = object.putObject("properties").putObject(key);
        discriminator.put("title", kind.word());
        discriminator.put("type", "string");
        ArrayNode names = discriminator.putArray("enum");
        ArrayNode branches = object.putArray("allOf");
        for (ComponentDescriptor<?, ?> d : components.values()) {
            names.add(d.name());
            String defName = kind.word() + "." + d.name();
            defs.set(defName, componentSchema(kind, key, d));
            ObjectNode branch = branches.addObject();
            ObjectNode cond = branch.putObject("if");
            cond.putObject("properties").putObject(key).put("const", d.name());
            cond.putArray("required").add(key);
            branch.putObject("then").put("$ref", DEFS + defName);
        }
        if (kind != ComponentKind.SCORER && kind != ComponentKind.METRIC) return object;
        ObjectNode either = SpecJson.mapper().createObjectNode();
        either.put("description", "a " + kind.word() + " name, or a mapping with `type` and parameters");
        either.putObject("if").put("type", "string");
        ObjectNode bare = either.putObject("then");
        bare.put("title", kind.word());
        bare.set("enum", names.deepCopy());
        either.set("else", object);
        return either;
    }

    private ObjectNode componentSchema(ComponentKind kind, String key, ComponentDescriptor<?, ?> d) {
        ObjectNode s = recordSchema(d.paramsType());
        s.put("description", d.summary());
        ObjectNode props = (ObjectNode) s.get("properties");
        ObjectNode ordered = SpecJson.mapper().createObjectNode();
        ordered.putObject(key).put("const", d.name());
        if (kind == ComponentKind.SCORER) {
            ordered.putObject("name").put("type", "string")
                    .put("description", "the label results use for this scorer; default: its type");
        }
        if (kind == ComponentKind.DATASET) {
            ordered.putObject("split").put("type", "string").put("description", "which split; default: the dataset's first");
            ObjectNode range = ordered.putObject("range");
            range.putArray("type").add("array").add("null");
            range.putObject("items").put("type", "integer");
            range.put("description", "[start, end]: only examples start..end-1 of the split (in the order `order` "
                    + "names), before classes and limit; e.g. a training and a test part of one split");
            ObjectNode order = ordered.putObject("order");
            order.putArray("enum").add("file").add("shuffled").addNull();
            order.put("description", "the order `range` counts in: file (as stored; default) or shuffled (with the "
                    + "run's seed, the same for every reference to the split in a run, so ranges stay disjoint)");
            ObjectNode limit = ordered.putObject("limit");
            limit.putArray("type").add("number").add("null");
            limit.put("exclusiveMinimum", 0);
            limit.put("description", "a random subset drawn with the run's seed: a count, or a fraction below 1");
            ObjectNode classes = ordered.putObject("classes");
            classes.putArray("type").add("array").add("null");
            classes.putObject("items").put("type", "integer").put("minimum", 0);
            classes.put("description", "keep only these class labels (one-class experiments)");
            ordered.putObject("label").put("type", "string").put("description", "how results name this set; default: dataset/split");
        }
        ordered.setAll(props);
        s.set("properties", ordered);
        List<String> reserved = new ArrayList<>(List.of(key));
        if (kind == ComponentKind.SCORER) reserved.add("name");
        if (kind == ComponentKind.DATASET) reserved.addAll(DatasetRef.COMMON_KEYS);
        for (ParamInfo p : d.params()) {
            if (reserved.contains(p.name())) {
                throw new IllegalStateException(d.name() + ": parameter '" + p.name() + "' clashes with a reserved key");
            }
        }
        return s;
    }
}
