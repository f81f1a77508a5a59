package org.oodrunner.framework.run.stages;

import java.nio.file.Path;
import org.oodrunner.framework.report.Figure;
import org.oodrunner.framework.report.RunReport;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws the run's figures (PNG and SVG) and writes its self-contained {@code report.html}, both
 * from what the earlier stages wrote to the run directory, and hands them to the trackers.
 */
public final class HtmlReportStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportStage.class);

    @Override
    public String name() {
        return "html_report";
    }

    @Override
    public void run(RunContext ctx) {
        RunReport.Written written = RunReport.write(ctx.dir());
        Path report = written.page();
        Path artifacts = ctx.files().artifacts();
        for (Figure f : written.figures().all()) {
            log(ctx, artifacts, f.png());
            if (f.svg() != null) log(ctx, artifacts, f.svg());
        }
        log(ctx, artifacts, report);
        LOG.info("report: {}", report.toAbsolutePath());
    }

    private static void log(RunContext ctx, Path artifacts, Path file) {
        ctx.tracker().logArtifact(file, artifacts.relativize(file).toString().replace('\\', '/'));
    }
}
