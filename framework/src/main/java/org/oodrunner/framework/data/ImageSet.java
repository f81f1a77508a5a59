package org.oodrunner.framework.data;

import java.util.Objects;

/**
 * A set of 8-bit images held as they are stored (one {@code byte[]} of H*W*C values per
 * image, row-major, channels last) with optional labels. Kept as bytes so that a CIFAR-sized
 * set costs its size, not four times it; batches are converted to floats on the fly.
 *
 * <p>A set of continuous values (features of a classifier, {@code data.features}) holds one
 * {@code float[]} per example in {@code values} instead, and {@code images} is null: batches copy
 * the values as they are (no dequantisation, no augmentation).
 *
 * @param name what the set is, for messages and results ({@code fashion_mnist/test})
 * @param images the 8-bit images, or null for a set of continuous values
 * @param labels one label per image in {@code [0, numClasses)}, or null for unlabelled data
 * @param numClasses the number of classes, 0 when unlabelled
 * @param values the continuous values, or null for a set of 8-bit images
 */
public record ImageSet(String name, ImageShape shape, byte[][] images, int[] labels, int numClasses, float[][] values) {
    public ImageSet {
        Objects.requireNonNull(name);
        Objects.requireNonNull(shape);
        if ((images == null) == (values == null)) {
            throw new IllegalArgumentException(name + ": a set holds either 8-bit images or continuous values");
        }
        int n = images != null ? images.length : values.length;
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException(name + ": " + n + " examples but " + labels.length + " labels");
        }
        int d = shape.dims();
        for (int i = 0; i < n; i++) {
            int length = images != null ? images[i].length : values[i].length;
            if (length != d) {
                throw new IllegalArgumentException(name + ": example " + i + " has " + length
                        + " values, expected " + d + " for " + shape);
            }
        }
    }

    /** A set of 8-bit images. */
    public ImageSet(String name, ImageShape shape, byte[][] images, int[] labels, int numClasses) {
        this(name, shape, Objects.requireNonNull(images), labels, numClasses, null);
    }

    /** A set of continuous vectors of {@code values[i].length} dimensions, shaped [1, 1, D]. */
    public static ImageSet ofValues(String name, float[][] values, int[] labels, int numClasses) {
        int d = values.length == 0 ? 1 : values[0].length;
        return new ImageSet(name, new ImageShape(1, 1, d), null, labels, numClasses, values);
    }

    /** True for a set of continuous values rather than 8-bit images. */
    public boolean continuous() {
        return values != null;
    }

    public int size() {
        return images != null ? images.length : values.length;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The subset at the given indices, in that order (examples are shared, not copied). */
    public ImageSet select(int[] indices, String newName) {
        byte[][] imgs = images == null ? null : new byte[indices.length][];
        float[][] vals = values == null ? null : new float[indices.length][];
        int[] lab = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (imgs != null) imgs[i] = images[indices[i]];
            if (vals != null) vals[i] = values[indices[i]];
            if (lab != null) lab[i] = labels[indices[i]];
        }
        return new ImageSet(newName, shape, imgs, lab, numClasses, vals);
    }

    public ImageSet renamed(String newName) {
        return new ImageSet(newName, shape, images, labels, numClasses, values);
    }
}
