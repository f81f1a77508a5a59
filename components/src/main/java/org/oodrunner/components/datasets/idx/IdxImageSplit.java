package org.oodrunner.components.datasets.idx;

import java.nio.file.Path;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;

/** One split stored as an IDX image file and an IDX label file (MNIST, Fashion-MNIST). */
public final class IdxImageSplit {
    private IdxImageSplit() {}

    public static ImageSet load(String name, Path images, Path labels, ImageShape shape, int numClasses) {
        String getAgain = "get it again with `runner data fetch " + name + "`";
        IdxFile.Contents img = IdxFile.read(images, 3, getAgain);
        IdxFile.Contents lab = IdxFile.read(labels, 1, getAgain);
        int n = img.dims()[0];
        if (img.dims()[1] != shape.height() || img.dims()[2] != shape.width()) {
            throw new RunFailedException(images + ": images are " + img.dims()[1] + "x" + img.dims()[2] + ", expected "
                    + shape.height() + "x" + shape.width());
        }
        if (lab.dims()[0] != n) {
            throw new RunFailedException(labels + ": " + lab.dims()[0] + " labels for the " + n + " images of " + images);
        }
        int d = shape.dims();
        byte[][] out = new byte[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(img.data(), i * d, (i + 1) * d);
            y[i] = lab.data()[i] & 0xFF;
            if (y[i] >= numClasses) {
                throw new RunFailedException(labels + ": label " + y[i] + " of example " + i + " is not in 0.." + (numClasses - 1));
            }
        }
        return new ImageSet(name, shape, out, y, numClasses);
    }
}
