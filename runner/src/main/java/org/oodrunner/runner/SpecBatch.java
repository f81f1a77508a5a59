package org.oodrunner.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;

/**
 * Loads and plans every run of several spec files before anything runs, so a bad spec stops
 * the command up front. All problems of all files are reported, one line each.
 */
final class SpecBatch {
    record Item(Path file, ResolvedSpec run) {}

    private SpecBatch() {}

    static List<Item> load(List<Path> files, SpecLoader loader, ExperimentPlanner planner, SpecLoader.Options options) {
        List<Item> items = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                for (ResolvedSpec r : loader.load(file, file.toString(), options)) {
                    planner.plan(r);
                    items.add(new Item(file, r));
                }
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) throw new BadInputException(String.join("\n", problems));
        return items;
    }
}
