package org.oodrunner.framework.data;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.oodrunner.framework.data.transform.ImagePipeline;
import org.oodrunner.framework.data.transform.PreprocessException;
import org.oodrunner.framework.errors.RunFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run asks of a dataset split: which examples ({@link Selection}) and how to prepare
 * each image as it is read ({@link ImagePipeline}). Sources hand their examples to
 * {@link #fromArrays} (formats read whole: CIFAR, IDX, .mat, .npz) or {@link #decode} (one
 * file per image: PNG, JPEG), which select first and then prepare only what is kept.
 *
 * @param name the set's name for messages and results ({@code cifar10/train})
 */
public record LoadRequest(String name, ImagePipeline pipeline, Selection selection) {
    private static final Logger LOG = LoggerFactory.getLogger(LoadRequest.class);
    private static final int LOG_EVERY = 20_000;

    /** Every example, unchanged. */
    public static LoadRequest all(String name) {
        return new LoadRequest(name, ImagePipeline.identity(), Selection.all());
    }

    /**
     * The selected examples of images already in memory, prepared by the pipeline.
     *
     * @param labels one per image, or null for unlabelled data
     */
    public ImageSet fromArrays(ImageShape shape, byte[][] images, int[] labels, int numClasses) {
        int[] chosen = selection.isAll() ? null : selection.choose(images.length, labels);
        int n = chosen == null ? images.length : chosen.length;
        byte[][] kept = new byte[n][];
        int[] keptLabels = labels == null ? null : new int[n];
        for (int j = 0; j < n; j++) {
            int i = chosen == null ? j : chosen[j];
            kept[j] = images[i];
            if (keptLabels != null) keptLabels[j] = labels[i];
        }
        ImageShape out = outputShape(shape, name);
        if (!pipeline.isIdentity()) {
            ParallelLoop.run(n, j -> kept[j] = pipeline.apply(kept[j], shape));
        }
        return new ImageSet(name, out, kept, keptLabels, numClasses);
    }

    /**
     * Selects among {@code count} encoded images, then decodes and prepares only the chosen
     * ones, on all cores.
     *
     * @param labels one per example, or null for unlabelled data
     * @param declaredShape the shape the source declares for its images
     * @param skipUnreadable true: an undecodable file is skipped and counted in the log (sets
     *     known to contain a few broken files); false: it stops the load with its name
     */
    public ImageSet decode(int count, int[] labels, int numClasses, ImageShape declaredShape, ImageDecoder decoder,
            boolean skipUnreadable) {
        int[] chosen = selection.choose(count, labels);
        ImageShape expected = outputShape(declaredShape, name);
        byte[][] images = new byte[chosen.length][];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicReference<String> firstSkipped = new AtomicReference<>();
        ParallelLoop.run(chosen.length, j -> {
            int i = chosen[j];
            DecodedImage img;
            try {
                img = decoder.decode(i);
            } catch (UnreadableImageException e) {
                if (!skipUnreadable) {
                    throw new RunFailedException(decoder.describe(i) + ": cannot decode (" + e.getMessage()
                            + "); the file is damaged: fetch the dataset again");
                }
                skipped.incrementAndGet();
                firstSkipped.compareAndSet(null, decoder.describe(i) + " (" + e.getMessage() + ")");
                return;
            }
            ImageShape out = outputShape(img.shape(), decoder.describe(i));
            if (!out.equals(expected)) {
                throw new RunFailedException(decoder.describe(i) + ": this image is " + img.shape() + ", so preprocessing"
                        + " makes it " + out + " where the set's images become " + expected
                        + "; give data.preprocess a `resize:` (and `center_crop:`) so every image gets one size");
            }
            images[j] = pipeline.apply(img.pixels(), img.shape());
            int d = done.incrementAndGet();
            if (d % LOG_EVERY == 0) LOG.info("{}: decoded {} of {} images", name, d, chosen.length);
        });
        if (skipped.get() > 0) {
            LOG.warn("{}: skipped {} unreadable file(s) of {}, e.g. {}", name, skipped.get(), chosen.length, firstSkipped.get());
        }
        int kept = chosen.length - skipped.get();
        if (kept == 0 && chosen.length > 0) {
            throw new RunFailedException(name + ": none of the " + chosen.length + " image files could be decoded, e.g. "
                    + firstSkipped.get());
        }
        byte[][] out = new byte[kept][];
        int[] outLabels = labels == null ? null : new int[kept];
        int k = 0;
        for (int j = 0; j < chosen.length; j++) {
            if (images[j] == null) continue;
            out[k] = images[j];
            if (outLabels != null) outLabels[k] = labels[chosen[j]];
            k++;
        }
        return new ImageSet(name, expected, out, outLabels, numClasses);
    }

    private ImageShape outputShape(ImageShape in, String what) {
        try {
            return pipeline.outputShape(in);
        } catch (PreprocessException e) {
            throw new RunFailedException(what + ": data.preprocess." + e.field() + ": " + e.getMessage());
        }
    }
}
