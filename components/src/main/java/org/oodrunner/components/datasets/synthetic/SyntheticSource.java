package org.oodrunner.components.datasets.synthetic;

import java.util.List;
import java.util.SplittableRandom;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Selection;

/**
 * A set of images generated from the run's seed, for OOD tests against inputs with no
 * structure: every image i of a split is a function of (seed, dataset, split, i) only, so a
 * limit or another split size never changes the images themselves. Unlabelled; splits
 * {@code test} and {@code train} hold different images.
 */
public final class SyntheticSource implements DatasetSource {
    /** Fills one image's bytes from its own random stream. */
    interface Generator {
        void fill(byte[] image, int channels, SplittableRandom random);
    }

    private final String name;
    private final NoiseShape params;
    private final long seed;
    private final Generator generator;

    public SyntheticSource(String name, NoiseShape params, long seed, Generator generator) {
        this.name = name;
        this.params = params;
        this.seed = seed;
        this.generator = generator;
    }

    static Generator uniform() {
        return (image, channels, r) -> {
            for (int i = 0; i < image.length; i++) image[i] = (byte) r.nextInt(256);
        };
    }

    static Generator gaussian(double mean, double std) {
        return (image, channels, r) -> {
            for (int i = 0; i < image.length; i++) {
                double v = mean + std * gaussian(r);
                image[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
            }
        };
    }

    static Generator constant(Integer value) {
        return (image, channels, r) -> {
            int[] colour = new int[channels];
            for (int c = 0; c < channels; c++) colour[c] = value != null ? value : r.nextInt(256);
            for (int i = 0; i < image.length; i++) image[i] = (byte) colour[i % channels];
        };
    }

    /** A standard normal draw (Box-Muller), from the image's own stream. */
    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Override
    public List<String> splits() {
        return List.of("test", "train");
    }

    @Override
    public ImageShape shape() {
        return params.shape();
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        ImageShape shape = params.shape();
        int[] chosen = request.selection().choose(params.count(), null);
        byte[][] images = new byte[chosen.length][];
        long base = mix(seed ^ mix(name.hashCode() * 0x9E3779B97F4A7C15L + split.hashCode()));
        for (int j = 0; j < chosen.length; j++) {
            byte[] image = new byte[shape.dims()];
            generator.fill(image, shape.channels(), new SplittableRandom(mix(base + chosen[j])));
            images[j] = image;
        }
        // Selected already: the request only prepares them.
        return new LoadRequest(request.name(), request.pipeline(), Selection.all()).fromArrays(shape, images, null, 0);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
