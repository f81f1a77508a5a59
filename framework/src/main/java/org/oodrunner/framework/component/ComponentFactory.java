package org.oodrunner.framework.component;

/** Makes a component from its bound params. Must be cheap: heavy work happens when a run uses it. */
@FunctionalInterface
public interface ComponentFactory<P extends Record, T> {
    T create(P params, ComponentContext context);
}
