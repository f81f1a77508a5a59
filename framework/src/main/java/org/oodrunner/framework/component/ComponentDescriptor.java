package org.oodrunner.framework.component;

import java.util.List;

/**
 * One registered component: its kind and spec name, a one-line summary, its params record
 * (documented with {@link Param}) and its factory.
 */
public record ComponentDescriptor<P extends Record, T>(
        ComponentKind kind,
        String name,
        String summary,
        Class<P> paramsType,
        ComponentFactory<P, ? extends T> factory) {

    public ComponentDescriptor {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("component names are lower_snake_case: " + name);
        }
    }

    /** The interface a component of each kind implements. */
    public static Class<?> expectedType(ComponentKind kind) {
        return switch (kind) {
            case DATASET -> DatasetSource.class;
            case MODEL -> Model.class;
            case SCORER -> Scorer.class;
            case METRIC -> Metric.class;
        };
    }

    public List<ParamInfo> params() {
        return ParamInfo.of(paramsType);
    }

    @SuppressWarnings("unchecked")
    public T create(Record params, ComponentContext context) {
        Object made = factory.create((P) params, context);
        Class<?> expected = expectedType(kind);
        if (!expected.isInstance(made)) {
            throw new IllegalStateException(name + ": a " + kind.word() + " must implement " + expected.getName());
        }
        return (T) made;
    }
}
