package org.oodrunner.framework.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes an XChart chart as PNG and SVG (SVG through VectorGraphics2D), each file atomically. */
final class ChartFiles {
    private ChartFiles() {}

    /** Saves {@code dir/<base>.png} and {@code dir/<base>.svg}. */
    static Figure save(Chart<?, ?> chart, Path dir, String base, String title, String caption) {
        Path png = dir.resolve(base + ".png");
        Path svg = dir.resolve(base + ".svg");
        write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return new Figure(title, caption, png, svg);
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static void write(Path file, Encoder encoder) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                encoder.encode(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
