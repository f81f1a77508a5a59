package org.oodrunner.framework.spec.model;

import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/** {@code model: {type: glow, levels: 3, ...}}. */
public record ModelRef(String type, Map<String, Object> params) implements ComponentRef {
    public ModelRef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    @Override
    public ComponentKind kind() {
        return ComponentKind.MODEL;
    }
}
