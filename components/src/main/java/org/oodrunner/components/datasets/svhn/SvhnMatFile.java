package org.oodrunner.components.datasets.svhn;

import java.nio.file.Path;
import java.util.Arrays;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads an SVHN "cropped digits" file: MATLAB Level-5 {@code .mat} with {@code X}, uint8 of
 * shape 32 x 32 x 3 x N (column-major: row, column, channel, image), and {@code y}, N x 1,
 * labels 1..10 where 10 stands for the digit 0.
 */
final class SvhnMatFile {
    static final ImageShape SHAPE = new ImageShape(32, 32, 3);

    record Contents(byte[][] images, int[] labels) {}

    private SvhnMatFile() {}

    static Contents read(Path file) {
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            Matrix x = matrix(mat, "X", file);
            Matrix y = matrix(mat, "y", file);
            int[] dx = x.getDimensions();
            if (dx.length != 4 || dx[0] != 32 || dx[1] != 32 || dx[2] != 3) {
                throw bad(file, "X has dimensions " + Arrays.toString(dx) + ", expected [32, 32, 3, N]");
            }
            int n = dx[3];
            if (y.getNumElements() != n) throw bad(file, "y has " + y.getNumElements() + " labels for " + n + " images");
            byte[][] images = new byte[n][];
            int[] labels = new int[n];
            int plane = 32 * 32;
            for (int i = 0; i < n; i++) {
                double label = y.getDouble(i);
                if (label != Math.rint(label) || label < 1 || label > 10) {
                    throw bad(file, "y(" + (i + 1) + ") is " + label + ", not a label in 1..10");
                }
                labels[i] = label == 10 ? 0 : (int) label;
                byte[] hwc = new byte[3 * plane];
                int base = i * 3 * plane;
                // Column-major X(r, c, ch, i) sits at r + 32 c + 1024 ch + 3072 i.
                for (int ch = 0; ch < 3; ch++) {
                    for (int c = 0; c < 32; c++) {
                        for (int r = 0; r < 32; r++) {
                            hwc[(r * 32 + c) * 3 + ch] = x.getByte(base + ch * plane + c * 32 + r);
                        }
                    }
                }
                images[i] = hwc;
            }
            return new Contents(images, labels);
        } catch (RunFailedException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw bad(file, "not a readable MATLAB Level-5 file (" + e + ")");
        }
    }

    private static Matrix matrix(Mat5File mat, String name, Path file) {
        try {
            return mat.getMatrix(name);
        } catch (RuntimeException e) {
            throw bad(file, "has no numeric variable '" + name + "' (" + e.getMessage() + ")");
        }
    }

    private static RunFailedException bad(Path file, String what) {
        return new RunFailedException(file + ": " + what + "; the file is damaged or not SVHN's: fetch it again with "
                + "`runner data fetch svhn`");
    }
}
