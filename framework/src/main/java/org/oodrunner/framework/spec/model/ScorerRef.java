package org.oodrunner.framework.spec.model;

import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/**
 * {@code log_likelihood} or {@code {type: likelihood_ratio, name: lr_mu02, mu: 0.2}}.
 *
 * @param name the label under which results are reported; defaults to the type
 */
public record ScorerRef(String type, String name, Map<String, Object> params) implements ComponentRef {
    public ScorerRef {
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        if (name == null) name = type;
    }

    @Override
    public ComponentKind kind() {
        return ComponentKind.SCORER;
    }
}
