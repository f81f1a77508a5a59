package org.oodrunner.components.testing;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.ModelProperty;
import org.oodrunner.framework.component.NoParams;
import org.oodrunner.framework.component.Param;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.Initializers;
import org.oodrunner.framework.tf.ModelGraph;

/**
 * Components for scorer tests, registered only in tests:
 * <ul>
 *   <li>{@code patterns}: smooth images (random low-frequency waves), uniform noise or constant
 *   images, any size and channel count, drawn from a seed;</li>
 *   <li>{@code tiny_flow}: an element-wise affine flow z = (x - mu) exp(s) under a standard normal,
 *   so log p(x) = latent term + volume term with a volume term that does not depend on x (like
 *   CV-Glow's); it offers {@link ModelProperty#CHANNEL_ALPHA} = mean over pixels of exp(s) per
 *   channel, as a CV-Glow would offer its 1x1 convolutions' gains;</li>
 *   <li>{@code logits_only}: a model without a density, and {@code logit}, a scorer that reads it, to
 *   check refusals.</li>
 * </ul>
 */
public final class ScoringComponents extends ComponentModule {
    public record SyntheticParams(
            @Param(doc = "smooth, noise or constant", value = "smooth") Pattern pattern,
            @Param(doc = "images per split", value = "64", min = 1) int size,
            @Param(doc = "image side", value = "8", min = 2) int side,
            @Param(doc = "channels", value = "1", min = 1) int channels,
            @Param(doc = "seed of the images", value = "1") long seed,
            @Param(doc = "how much smooth images differ from one another (frequency and phase), 0-1", value = "1",
                    min = 0, max = 1) double jitter) {
        public enum Pattern {
            SMOOTH,
            NOISE,
            CONSTANT
        }
    }

    @Override
    protected void registerComponents() {
        dataset("patterns", "smooth, noisy or constant images", SyntheticParams.class, (p, ctx) -> new Synthetic(p));
        model("tiny_flow", "element-wise affine flow with latent and volume terms", NoParams.class, (p, ctx) -> new TinyFlow());
        model("logits_only", "a classifier head without a density", NoParams.class, (p, ctx) -> new LogitsOnly());
        scorer("logit", "the logits as they are", NoParams.class, (p, ctx) -> new LogitScorer());
    }

    /** Images of one pattern; each split draws from its own stream of the seed. */
    public static final class Synthetic implements DatasetSource {
        private final SyntheticParams p;

        Synthetic(SyntheticParams p) {
            this.p = p;
        }

        @Override
        public List<String> splits() {
            return List.of("train", "test");
        }

        @Override
        public ImageShape shape() {
            return new ImageShape(p.side(), p.side(), p.channels());
        }

        @Override
        public int numClasses() {
            return 0;
        }

        @Override
        public ImageSet load(String split, LoadRequest request) {
            SplittableRandom r = new SplittableRandom(p.seed() * 31 + split.hashCode());
            ImageShape shape = shape();
            byte[][] images = new byte[p.size()][];
            for (int i = 0; i < p.size(); i++) images[i] = image(r, shape, p.pattern(), p.jitter());
            return request.fromArrays(shape, images, null, 0);
        }

        public static byte[] image(SplittableRandom r, ImageShape shape, SyntheticParams.Pattern pattern) {
            return image(r, shape, pattern, 1.0);
        }

        /** @param jitter 0: every smooth image the same wave; 1: random frequencies and phase */
        public static byte[] image(SplittableRandom r, ImageShape shape, SyntheticParams.Pattern pattern, double jitter) {
            byte[] img = new byte[shape.dims()];
            double fx = 0.35 + 0.3 * jitter * (r.nextDouble() - 0.5);
            double fy = 0.35 + 0.3 * jitter * (r.nextDouble() - 0.5);
            double phase = 2 * Math.PI * jitter * r.nextDouble();
            int level = r.nextInt(256);
            for (int y = 0; y < shape.height(); y++) {
                for (int x = 0; x < shape.width(); x++) {
                    for (int c = 0; c < shape.channels(); c++) {
                        int v = switch (pattern) {
                            case SMOOTH -> (int) Math.round(128 + 40 * Math.sin(fx * x + fy * y + phase + c));
                            case NOISE -> r.nextInt(256);
                            case CONSTANT -> level;
                        };
                        img[(y * shape.width() + x) * shape.channels() + c] = (byte) v;
                    }
                }
            }
            return img;
        }
    }

    /** z = (x - mu) exp(s) element-wise; log p(x) = log N(z; 0, I) + sum s. */
    static final class TinyFlow implements Model {
        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOG_LIKELIHOOD, Quantity.LATENT_TERM, Quantity.VOLUME_TERM);
        }

        @Override
        public ModelGraph build(GraphContext g) {
            var tf = g.tf().withSubScope("tiny_flow");
            var shape = g.shape();
            long[] dims = {shape.height(), shape.width(), shape.channels()};
            Initializers init = new Initializers(tf, g.seeds());
            var mu = g.parameters().create(tf, "mu", init.constant(0.5f, dims));
            var s = g.parameters().create(tf, "log_scale", init.normal(0.01f, dims));
            var axes = tf.constant(new int[] {1, 2, 3});
            var z = tf.math.mul(tf.math.sub(g.images(), mu), tf.math.exp(s));
            var latent = tf.withName("latent").sum(tf.math.sub(tf.math.mul(tf.constant(-0.5f), tf.math.square(z)),
                    tf.constant((float) (0.5 * Math.log(2 * Math.PI)))), axes);
            // sum(s) per example: the same for every x, broadcast over the batch.
            var volume = tf.withName("volume").math.add(tf.math.mul(tf.sum(g.images(), axes), tf.constant(0f)),
                    tf.sum(s, tf.constant(new int[] {0, 1, 2})));
            var ll = tf.withName("log_likelihood").math.add(latent, volume);
            var loss = tf.math.mean(g.bitsPerDim(ll), tf.constant(0));
            var alpha = tf.math.mean(tf.math.exp(s), tf.constant(new int[] {0, 1}));
            return ModelGraph.builder().loss(loss).output(Quantity.LOG_LIKELIHOOD, ll).output(Quantity.LATENT_TERM, latent)
                    .output(Quantity.VOLUME_TERM, volume).trainingMetric("bits_per_dim", loss)
                    .property(ModelProperty.CHANNEL_ALPHA, alpha).build();
        }
    }

    static final class LogitScorer implements Scorer {
        @Override
        public Set<Quantity> requires() {
            return Set.of(Quantity.LOGITS);
        }

        @Override
        public double[] score(ScoringInput input) {
            return input.get(Quantity.LOGITS).column().clone();
        }
    }

    static final class LogitsOnly implements Model {
        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOGITS);
        }

        @Override
        public ModelGraph build(GraphContext g) {
            var tf = g.tf();
            var w = g.parameters().create(tf, "w", tf.constant(0f));
            var logits = tf.math.mul(tf.sum(g.images(), tf.constant(new int[] {1, 2, 3})), w);
            return ModelGraph.builder().loss(tf.math.mean(logits, tf.constant(0))).output(Quantity.LOGITS, logits).build();
        }
    }
}
