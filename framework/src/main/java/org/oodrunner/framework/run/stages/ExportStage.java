package org.oodrunner.framework.run.stages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.store.FreeSpace;
import org.oodrunner.framework.store.StorageFailure;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.SavedModelExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports the trained density as a TensorFlow SavedModel with a {@code log_prob} signature
 * ({@code artifacts/saved_model/}), when the spec asks for it and the model has a likelihood.
 */
public final class ExportStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(ExportStage.class);
    public static final String DIR = "saved_model";

    @Override
    public String name() {
        return "export";
    }

    @Override
    public void run(RunContext ctx) {
        if (!ctx.spec().export().savedModel()) return;
        if (!SavedModelExport.supports(ctx.modelGraph())) {
            LOG.info("model {} gives no log-likelihood; no SavedModel exported", ctx.spec().model().type());
            return;
        }
        Path dir = ctx.files().artifacts().resolve(DIR);
        Checkpoints checkpoints = new Checkpoints(ctx.files().checkpoints(), ctx.files()::metricsLength);
        checkpoints.latest().ifPresent(c -> checkpoints.check(c.dir()));
        // The SavedModel holds the same variables as a checkpoint, plus the graph.
        String warning = FreeSpace.shortfall(ctx.files().artifacts(), checkpoints.lastBytes(), "the SavedModel export");
        if (warning != null) LOG.warn(warning);
        SavedModelExport.export(ctx.runtime(), ctx.graph(), ctx.modelGraph(), dir);
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
            for (Path f : regular) {
                ctx.tracker().logArtifact(f, DIR + "/" + dir.relativize(f).toString().replace('\\', '/'));
            }
        } catch (IOException e) {
            throw StorageFailure.reading(dir, e);
        }
        LOG.info("SavedModel with signature '{}' written to {}", SavedModelExport.SIGNATURE, dir);
        if (!ctx.modelGraph().likelihoodNormalized()) {
            LOG.info("its {} is unnormalised: log p(x) + log Z with log Z unknown (it ranks inputs; it is no density)",
                    SavedModelExport.SIGNATURE);
        }
    }
}
