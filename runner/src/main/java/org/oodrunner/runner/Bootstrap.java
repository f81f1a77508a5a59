package org.oodrunner.runner;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.oodrunner.framework.FrameworkModule;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.run.RunSettings;

/**
 * Builds the injector: the framework, plus every {@link ComponentModule} on the class path
 * (the built-in components and any third-party jar that lists its modules in
 * {@code META-INF/services/org.oodrunner.framework.component.ComponentModule}).
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static Injector injector(RunSettings settings) {
        return Guice.createInjector(modules(settings));
    }

    /** The modules of {@link #injector}: tests add to them or override them. */
    public static List<Module> modules(RunSettings settings) {
        List<Module> modules = new ArrayList<>();
        modules.add(new FrameworkModule(settings));
        for (ComponentModule m : ServiceLoader.load(ComponentModule.class)) {
            modules.add(m);
        }
        return modules;
    }
}
