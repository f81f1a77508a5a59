package org.oodrunner.components.datasets.cifar;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Parses a CIFAR binary batch: fixed-size records of {@code labelBytes} label bytes, then the
 * 32x32 red plane, green plane and blue plane (each row-major). Images come out channels
 * last (HWC), as every image set holds them.
 */
final class CifarRecords {
    static final ImageShape SHAPE = new ImageShape(32, 32, 3);
    private static final int PLANE = 32 * 32;
    private static final int PIXELS = 3 * PLANE;

    /** Parsed records: images (HWC) and the chosen label of each. */
    record Parsed(byte[][] images, int[] labels) {}

    private CifarRecords() {}

    /**
     * @param where the file, for messages ({@code cifar-10-binary.tar.gz!cifar-10-batches-bin/data_batch_1.bin})
     * @param labelBytes 1 (CIFAR-10) or 2 (CIFAR-100: coarse, then fine)
     * @param labelIndex which label byte to keep
     * @param numClasses labels must be below this
     */
    static Parsed parse(byte[] content, String where, int labelBytes, int labelIndex, int numClasses) {
        int recordSize = labelBytes + PIXELS;
        int n = content.length / recordSize;
        if (content.length % recordSize != 0) {
            long offset = (long) n * recordSize;
            throw new RunFailedException(where + ": truncated or damaged: " + content.length + " bytes is not a whole number of "
                    + recordSize + "-byte records; record " + n + " (at byte offset " + offset + ") has only "
                    + (content.length - offset) + " bytes; fetch the dataset again");
        }
        if (n == 0) throw new RunFailedException(where + ": holds no records; fetch the dataset again");
        byte[][] images = new byte[n][];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            int base = r * recordSize;
            int label = content[base + labelIndex] & 0xFF;
            if (label >= numClasses) {
                throw new RunFailedException(where + ": record " + r + " (byte offset " + base + ") has label " + label
                        + ", outside 0.." + (numClasses - 1) + "; the file is damaged or not this dataset's");
            }
            labels[r] = label;
            byte[] hwc = new byte[PIXELS];
            int px = base + labelBytes;
            for (int p = 0; p < PLANE; p++) {
                hwc[3 * p] = content[px + p];
                hwc[3 * p + 1] = content[px + PLANE + p];
                hwc[3 * p + 2] = content[px + 2 * PLANE + p];
            }
            images[r] = hwc;
        }
        return new Parsed(images, labels);
    }
}
