package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner validate SPEC...}: check specs without running anything. */
@Command(mixinStandardHelpOptions = true, name = "validate", description = "Check specs (schema, components, cross-references); run nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "SPEC", description = "spec files (YAML)")
    List<Path> specs;

    @Mixin
    SpecOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Injector injector = Injectors.create(options.settings());
        SpecLoader loader = injector.getInstance(SpecLoader.class);
        ExperimentPlanner planner = injector.getInstance(ExperimentPlanner.class);
        PrintWriter out = command.commandLine().getOut();
        Map<Path, String> problems = new LinkedHashMap<>();
        for (Path spec : specs) {
            try {
                int n = SpecBatch.load(List.of(spec), loader, planner, options.loaderOptions()).size();
                out.println("ok  " + spec + " (" + n + (n == 1 ? " run)" : " runs)"));
            } catch (BadInputException e) {
                problems.put(spec, e.getMessage());
            }
        }
        out.flush();
        if (!problems.isEmpty()) {
            throw new BadInputException(String.join("\n", problems.values()));
        }
        return 0;
    }
}
