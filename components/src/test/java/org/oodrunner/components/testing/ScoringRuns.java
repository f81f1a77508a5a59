package org.oodrunner.components.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.oodrunner.components.metrics.MetricsModule;
import org.oodrunner.components.models.gaussian.GaussianModule;
import org.oodrunner.components.scorers.ScorersModule;
import org.oodrunner.framework.FrameworkModule;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;

/** Writes a spec into a folder and plans or runs it with the real scorers, metrics and models plus the test components. */
public final class ScoringRuns {
    private final Path dir;
    private final Injector injector;

    public ScoringRuns(Path dir) {
        this.dir = dir;
        this.injector = Guice.createInjector(new FrameworkModule(new RunSettings(dir.resolve("runs"), dir.resolve("data"), null)),
                new ScorersModule(), new MetricsModule(), new GaussianModule(), new ScoringComponents());
    }

    public Injector injector() {
        return injector;
    }

    public ResolvedSpec load(String yaml) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("spec.yaml");
            Files.writeString(file, yaml);
            return injector.getInstance(SpecLoader.class)
                    .load(file, "spec.yaml", new SpecLoader.Options(List.of(), 16, Map.<String, String>of()::get)).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void plan(String yaml) {
        injector.getInstance(ExperimentPlanner.class).plan(load(yaml));
    }

    public RunOutcome run(String yaml) {
        return injector.getInstance(ExperimentRunner.class).run(load(yaml), dir.resolve("spec.yaml"), Progress.silent());
    }
}
