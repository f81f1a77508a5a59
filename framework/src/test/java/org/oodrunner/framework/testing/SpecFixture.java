package org.oodrunner.framework.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.FrameworkModule;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;

/** Writes spec files into a folder and loads them with the toy components registered. */
public final class SpecFixture {
    private final Path dir;
    private final Injector injector;

    public SpecFixture(Path dir) {
        this.dir = dir;
        this.injector = Guice.createInjector(new FrameworkModule(new RunSettings(dir.resolve("runs"), dir.resolve("data"), null)),
                new ToyComponents());
    }

    public Injector injector() {
        return injector;
    }

    public Path write(String name, String yaml) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, yaml);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ResolvedSpec> load(String name) {
        return load(name, new SpecLoader.Options(List.of(), 512, Map.of("HOME", "/home/x")::get));
    }

    public List<ResolvedSpec> load(String name, SpecLoader.Options options) {
        return injector.getInstance(SpecLoader.class).load(dir.resolve(name), name, options);
    }

    /** Loads and plans (creates the components and cross-checks them). */
    public ResolvedSpec plan(String name) {
        ResolvedSpec r = load(name).get(0);
        injector.getInstance(ExperimentPlanner.class).plan(r);
        return r;
    }

    /** A valid minimal spec over the toy components. */
    public static String minimal() {
        return """
                name: toy
                data:
                  train: {dataset: toy, split: train}
                  test: {dataset: toy, split: test}
                  ood: [{dataset: toy, split: test, label: other, size: 4}]
                model: {type: toy_model}
                scorers: [toy_score]
                metrics: [toy_metric]
                """;
    }
}
