package org.oodrunner.components.datasets.svhn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** SVHN cropped-digit files in the official MATLAB Level-5 layout, for tests here and in the runner. */
public final class SvhnFixtures {
    private SvhnFixtures() {}

    /** The value of row r, column c, channel ch of image n in the fixtures. */
    public static int value(int r, int c, int ch, int n) {
        return (r * 7 + c * 3 + ch * 85 + n * 31) % 256;
    }

    /** An SVHN-style Level-5 file: X uint8 32x32x3xN (column-major), y double Nx1 with 10 for the digit 0. */
    public static void writeMat(Path file, int[] labels) throws IOException {
        int n = labels.length;
        Matrix x = Mat5.newMatrix(new int[] {32, 32, 3, n}, MatlabType.UInt8);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int c = 0; c < 32; c++) {
                    for (int r = 0; r < 32; r++) x.setByte(new int[] {r, c, ch, i}, (byte) value(r, c, ch, i));
                }
            }
        }
        Matrix y = Mat5.newMatrix(n, 1);
        for (int i = 0; i < n; i++) y.setDouble(i, 0, labels[i]);
        MatFile mat = Mat5.newMatFile().addArray("X", x).addArray("y", y);
        Files.createDirectories(file.getParent());
        Mat5.writeToFile(mat, file.toFile());
    }
}
