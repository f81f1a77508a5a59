package org.oodrunner.framework.component;

import com.google.inject.AbstractModule;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;

/**
 * A Guice module that registers components under their spec names. The built-in components
 * and any third-party jar provide subclasses listed in
 * {@code META-INF/services/org.oodrunner.framework.component.ComponentModule}; the runner
 * finds them with {@link java.util.ServiceLoader}.
 */
public abstract class ComponentModule extends AbstractModule {
    private MapBinder<String, ComponentDescriptor<?, ?>> binder;

    /** Registers this module's components by calling the {@code dataset}/{@code model}/... methods. */
    protected abstract void registerComponents();

    @Override
    protected final void configure() {
        binder = MapBinder.newMapBinder(binder(), new TypeLiteral<String>() {},
                new TypeLiteral<ComponentDescriptor<?, ?>>() {});
        registerComponents();
    }

    protected <P extends Record> void dataset(String name, String summary, Class<P> params,
            ComponentFactory<P, ? extends DatasetSource> factory) {
        register(new ComponentDescriptor<P, DatasetSource>(ComponentKind.DATASET, name, summary, params, factory));
    }

    protected <P extends Record> void model(String name, String summary, Class<P> params,
            ComponentFactory<P, ? extends Model> factory) {
        register(new ComponentDescriptor<P, Model>(ComponentKind.MODEL, name, summary, params, factory));
    }

    protected <P extends Record> void scorer(String name, String summary, Class<P> params,
            ComponentFactory<P, ? extends Scorer> factory) {
        register(new ComponentDescriptor<P, Scorer>(ComponentKind.SCORER, name, summary, params, factory));
    }

    protected <P extends Record> void metric(String name, String summary, Class<P> params,
            ComponentFactory<P, ? extends Metric> factory) {
        register(new ComponentDescriptor<P, Metric>(ComponentKind.METRIC, name, summary, params, factory));
    }

    private void register(ComponentDescriptor<?, ?> d) {
        // Keyed by kind and name: kinds are separate name spaces, and a duplicate fails at start-up.
        binder.addBinding(d.kind().word() + ":" + d.name()).toInstance(d);
    }
}
