package org.oodrunner.framework.run.stages;

import java.nio.file.Path;
import java.util.Optional;
import org.oodrunner.framework.data.ImageGrid;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.spec.model.SampleSpec;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.SampleDrawer;
import org.oodrunner.framework.tf.Sampler;
import org.oodrunner.framework.tf.TensorIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Draws images from the trained model, when it can sample, at each temperature the spec asks
 * for, through {@link SampleDrawer} (one-shot samplers in one evaluation, sequential ones such
 * as a PixelCNN's in {@link Sampler#steps()}); maps them back to [0,1] through the input
 * transform's inverse, clips them and saves each set as a grid PNG artifact
 * ({@code samples/samples_t<T>.png}).
 */
public final class SampleStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(SampleStage.class);

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public void run(RunContext ctx) {
        Optional<Sampler> sampler = ctx.modelGraph().sampler();
        SampleSpec spec = ctx.spec().samples();
        if (sampler.isEmpty() || spec.count() == 0 || spec.temperatures().isEmpty()) return;
        if (ctx.preprocessing().isContinuous()) {
            LOG.info("samples not saved: the model draws feature vectors (data.features), not images");
            return;
        }
        GraphContext g = ctx.graph();
        ImageShape shape = g.shape();
        if (!ImageGrid.supports(shape)) {
            LOG.warn("samples not saved: a PNG grid needs 1 or 3 channels, the images have {}", shape.channels());
            return;
        }
        Ops tf = ctx.runtime().tf().withSubScope("sample_images");
        // The drawer returns images in the model's input space; this small graph maps them back.
        Placeholder<TFloat32> drawn = tf.placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, shape.height(), shape.width(), shape.channels())));
        Operand<TFloat32> images = tf.clipByValue(g.inputTransform().inverse(tf, drawn), tf.constant(0f), tf.constant(1f));
        SampleDrawer drawer = new SampleDrawer(ctx.runtime().session(), sampler.get(), shape);
        for (double temperature : spec.temperatures()) {
            float[] values;
            try (TFloat32 x = TensorIO.floats(drawer.draw(spec.count(), (float) temperature), spec.count(),
                            shape.height(), shape.width(), shape.channels());
                    Result r = ctx.runtime().session().runner().feed(drawn, x).fetch(images).run()) {
                values = TensorIO.toFloats(r.get(0));
            }
            long nonFinite = countNonFinite(values);
            if (nonFinite > 0) {
                LOG.warn("{} of {} sampled values at temperature {} are not finite (drawn black)", nonFinite,
                        values.length, temperature);
            }
            String name = "samples_t" + temperature + ".png";
            Path png = ctx.files().artifacts().resolve("samples").resolve(name);
            ImageGrid.writePng(values, spec.count(), shape, png);
            ctx.tracker().logArtifact(png, "samples/" + name);
            LOG.info("{} samples at temperature {}: {}", spec.count(), temperature, png);
        }
    }

    private static long countNonFinite(float[] values) {
        long n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) n++;
        }
        return n;
    }
}
