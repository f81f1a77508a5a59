package org.oodrunner.framework.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.oodrunner.framework.spec.RecordBinder;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.Suggestions;
import org.oodrunner.framework.spec.model.ComponentRef;

/**
 * Every component a spec can name, by kind and name. Filled by Guice from the
 * {@link ComponentModule}s on the class path; the framework itself names none.
 */
public final class ComponentRegistry {
    private final Map<ComponentKind, Map<String, ComponentDescriptor<?, ?>>> byKind = new EnumMap<>(ComponentKind.class);

    @Inject
    public ComponentRegistry(Map<String, ComponentDescriptor<?, ?>> all) {
        for (ComponentKind kind : ComponentKind.values()) byKind.put(kind, new TreeMap<>());
        for (ComponentDescriptor<?, ?> d : all.values()) {
            byKind.get(d.kind()).put(d.name(), d);
        }
    }

    /** Names of one kind, sorted, with their descriptors. */
    public Map<String, ComponentDescriptor<?, ?>> of(ComponentKind kind) {
        return Collections.unmodifiableMap(byKind.get(kind));
    }

    public ComponentDescriptor<?, ?> get(ComponentKind kind, String name) {
        return byKind.get(kind).get(name);
    }

    /**
     * Binds a reference's parameters and makes the component.
     *
     * @param pointer the JSON pointer of the reference in the spec, for error positions
     */
    @SuppressWarnings("unchecked")
    public <T> T create(ComponentRef ref, SourceMap sources, String pointer, ComponentContext context) {
        ComponentDescriptor<?, ?> d = get(ref.kind(), ref.type());
        if (d == null) {
            throw new SpecError(sources.value(pointer), "unknown " + ref.kind().word() + " '" + ref.type() + "'"
                    + Suggestions.hint(String.valueOf(ref.type()), byKind.get(ref.kind()).keySet()));
        }
        Record params = bindParams(d, ref.params(), sources, pointer);
        return (T) d.create(params, context);
    }

    /** Binds raw parameters to a descriptor's params record, with its defaults. */
    public static Record bindParams(ComponentDescriptor<?, ?> d, Map<String, Object> raw, SourceMap sources, String pointer) {
        ObjectNode node = SpecJson.mapper().valueToTree(raw);
        return RecordBinder.bind(node, d.paramsType(), sources, pointer);
    }

    /** The default parameters of a component, as JSON (for listings and tests). */
    public static JsonNode defaults(ComponentDescriptor<?, ?> d) {
        return RecordBinder.withDefaults(null, d.paramsType());
    }
}
