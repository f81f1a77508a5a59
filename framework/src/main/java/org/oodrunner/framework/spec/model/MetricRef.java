package org.oodrunner.framework.spec.model;

import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/** {@code auroc} or {@code {type: auroc, ...}}. */
public record MetricRef(String type, Map<String, Object> params) implements ComponentRef {
    public MetricRef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    @Override
    public ComponentKind kind() {
        return ComponentKind.METRIC;
    }
}
