package org.oodrunner.framework.run.stages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.oodrunner.framework.data.ImageGrid;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.report.LatentGrid;
import org.oodrunner.framework.run.EvaluationNoise;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.tf.TensorIO;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * For a flow ({@link ModelGraph#latents()}): the first {@value #ROWS} images of the test set and
 * of every OOD set next to their latents z = f(x) per level, one PNG per set
 * ({@code latents/latents_<k>_<set>.png}, see {@link LatentGrid}), shown in the report. Kirichenko
 * et al. 2020 use such figures to show that a flow's latents keep the image's local structure.
 */
public final class LatentStage implements Stage {
    static final int ROWS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(LatentStage.class);

    @Override
    public String name() {
        return "latents";
    }

    @Override
    public void run(RunContext ctx) {
        ModelGraph model = ctx.modelGraph();
        if (model.latents().isEmpty()) return;
        GraphContext g = ctx.graph();
        ImageShape shape = g.shape();
        if (ctx.preprocessing().isContinuous() || !ImageGrid.supports(shape)) {
            LOG.info("no latent figure: the model's inputs are not images of 1 or 3 channels");
            return;
        }
        int k = 0;
        for (Map.Entry<String, ImageSet> e : ctx.evaluationSets().entrySet()) {
            Path png = ctx.files().artifacts().resolve("latents").resolve("latents_" + k++ + "_" + fileSafe(e.getKey())
                    + ".png");
            write(ctx, e.getValue(), png);
            ctx.tracker().logArtifact(png, "latents/" + png.getFileName());
            LOG.info("latents of {}: {}", e.getKey(), png);
        }
    }

    private static void write(RunContext ctx, ImageSet set, Path png) {
        ImageShape shape = ctx.graph().shape();
        int n = Math.min(ROWS, set.size());
        int d = shape.dims();
        float[] x = new float[n * d];
        // The noise a scoring pass gives these images (the seed of the set's name).
        SplittableRandom noise = new SplittableRandom(EvaluationNoise.seed(ctx.spec().seed(), set.name()));
        for (int i = 0; i < n; i++) ctx.preprocessing().toFloats(set.images()[i], x, i * d, noise);
        List<Operand<TFloat32>> levels = ctx.modelGraph().latents();
        List<float[]> images = new ArrayList<>();
        List<List<LatentGrid.Panel>> latents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(java.util.Arrays.copyOfRange(x, i * d, (i + 1) * d));
            latents.add(new ArrayList<>());
        }
        Session session = ctx.runtime().session();
        try (TFloat32 in = TensorIO.floats(x, n, shape.height(), shape.width(), shape.channels())) {
            Session.Runner runner = session.runner().feed(ctx.graph().feed(), in);
            levels.forEach(runner::fetch);
            try (Result r = runner.run()) {
                for (int l = 0; l < levels.size(); l++) {
                    var tensor = r.get(l);
                    long[] dims = tensor.shape().asArray();
                    ImageShape s = new ImageShape((int) dims[1], (int) dims[2], (int) dims[3]);
                    float[] values = TensorIO.toFloats(tensor);
                    for (int i = 0; i < n; i++) {
                        latents.get(i).add(new LatentGrid.Panel(
                                java.util.Arrays.copyOfRange(values, i * s.dims(), (i + 1) * s.dims()), s));
                    }
                }
            }
        }
        try {
            Files.createDirectories(png.getParent());
            Path tmp = png.resolveSibling(png.getFileName() + ".tmp");
            // At least 64 pixels per image row, so 28x28 digits are visible in the report.
            int zoom = Math.max(1, Math.round(64f / shape.height()));
            if (!ImageIO.write(LatentGrid.zoomed(LatentGrid.render(images, shape, latents), zoom), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private static String fileSafe(String s) {
        String out = s.replaceAll("[^A-Za-z0-9._-]+", "_");
        return out.length() > 60 ? out.substring(0, 60) : out;
    }
}
