package org.oodrunner.framework.data;

import java.util.Objects;

/**
 * A set of 8-bit images held as they are stored (one {@code byte[]} of H*W*C values per
 * image, row-major, channels last) with optional labels. Kept as bytes so that a CIFAR-sized
 * set costs its size, not four times it; batches are converted to floats on the fly.
 *
 * @param name what the set is, for messages and results ({@code fashion_mnist/test})
 * @param labels one label per image in {@code [0, numClasses)}, or null for unlabelled data
 * @param numClasses the number of classes, 0 when unlabelled
 */
public record ImageSet(String name, ImageShape shape, byte[][] images, int[] labels, int numClasses) {
    public ImageSet {
        Objects.requireNonNull(name);
        Objects.requireNonNull(shape);
        Objects.requireNonNull(images);
        if (labels != null && labels.length != images.length) {
            throw new IllegalArgumentException(name + ": " + images.length + " images but " + labels.length + " labels");
        }
        int d = shape.dims();
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != d) {
                throw new IllegalArgumentException(name + ": image " + i + " has " + images[i].length
                        + " values, expected " + d + " for " + shape);
            }
        }
    }

    public int size() {
        return images.length;
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The subset at the given indices, in that order (images are shared, not copied). */
    public ImageSet select(int[] indices, String newName) {
        byte[][] imgs = new byte[indices.length][];
        int[] lab = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            imgs[i] = images[indices[i]];
            if (lab != null) lab[i] = labels[indices[i]];
        }
        return new ImageSet(newName, shape, imgs, lab, numClasses);
    }

    public ImageSet renamed(String newName) {
        return new ImageSet(newName, shape, images, labels, numClasses);
    }
}
