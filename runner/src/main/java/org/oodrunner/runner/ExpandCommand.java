package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.oodrunner.framework.run.RunStore;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner expand SPEC}: the concrete runs a spec (or grid) makes, with their hashes. */
@Command(mixinStandardHelpOptions = true, name = "expand", description = "List the concrete runs a spec makes (a grid: one per point), with their hashes.")
final class ExpandCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "a spec file (YAML)")
    Path spec;

    @Mixin
    SpecOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Injector injector = Injectors.create(options.settings());
        List<ResolvedSpec> runs = injector.getInstance(SpecLoader.class).load(spec, spec.toString(), options.loaderOptions());
        RunStore store = injector.getInstance(RunStore.class);
        PrintWriter out = command.commandLine().getOut();
        out.println(runs.size() + (runs.size() == 1 ? " run" : " runs") + " from " + spec);
        int i = 1;
        for (ResolvedSpec r : runs) {
            out.printf("%3d  %s  %s%n", i++, r.hash(), r.runName());
            out.println("     -> " + store.filesFor(r).dir());
        }
        out.flush();
        return 0;
    }
}
