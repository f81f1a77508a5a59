package org.oodrunner.runner.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.Preprocessing;

/** Seeded random 8-bit images: what a training or scoring step costs does not depend on what the pixels show. */
final class SyntheticImages {
    private SyntheticImages() {}

    static ImageSet of(ImageShape shape, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] images = new byte[n][shape.dims()];
        for (byte[] image : images) random.nextBytes(image);
        return new ImageSet("random", shape, images, null, 0);
    }

    /** The same images with seeded random labels among {@code classes} (none when 0), for models that train on labels. */
    static ImageSet labelled(ImageShape shape, int classes, int n, long seed) {
        if (classes == 0) return of(shape, n, seed);
        ImageSet images = of(shape, n, seed);
        SplittableRandom random = new SplittableRandom(seed + 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = random.nextInt(classes);
        return new ImageSet("random", shape, images.images(), labels, classes);
    }

    /** {@code count} dequantised batches of {@code size} images, for graphs fed directly from Java. */
    static List<float[]> batches(ImageSet data, Preprocessing pre, int count, int size, long seed) {
        int d = data.shape().dims();
        List<float[]> batches = new ArrayList<>();
        SplittableRandom noise = new SplittableRandom(seed);
        for (int b = 0; b < count; b++) {
            float[] x = new float[size * d];
            for (int i = 0; i < size; i++) pre.toFloats(data.images()[(b * size + i) % data.size()], x, i * d, noise);
            batches.add(x);
        }
        return batches;
    }
}
