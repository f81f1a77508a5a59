package org.oodrunner.framework;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.run.RunSettings;

/**
 * Builds the injector: the framework plus every {@link ComponentModule} on the class path
 * (the built-in components and any third-party jar that lists its modules in
 * {@code META-INF/services/org.oodrunner.framework.component.ComponentModule}).
 */
public final class Injectors {
    private Injectors() {}

    public static Injector create(RunSettings settings, Module... extra) {
        List<Module> modules = new ArrayList<>();
        modules.add(new FrameworkModule(settings));
        for (ComponentModule m : ServiceLoader.load(ComponentModule.class)) {
            modules.add(m);
        }
        modules.addAll(List.of(extra));
        return Guice.createInjector(modules);
    }
}
