package org.oodrunner.runner;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.grid.GridCollector;
import org.oodrunner.framework.run.grid.GridRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner collect DIR}: complete a submitted grid from what its points hold. */
@Command(name = "collect", mixinStandardHelpOptions = true,
        description = "Complete a submitted grid now: its summary.csv, report page and MLflow parent run, from what its points "
                + "hold (the last task to end does this by itself; use this after a manual fix, or when tasks died).")
final class CollectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "the grid's record (runs/<name>-grid-<hash>)")
    Path dir;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        RunFiles grid = GridRecord.frozen(dir);
        Injector injector = Injectors.create(GridRecord.settings(grid));
        injector.getInstance(GridCollector.class).collect(grid);
        int unfinished = GridWait.printTable(grid, out);
        return unfinished == 0 ? 0 : 1;
    }
}
