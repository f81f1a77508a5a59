package org.oodrunner.components.datasets.idx;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/** Writes unsigned-byte IDX files, gzip-compressed when the name ends in .gz; atomically (write, then rename). */
public final class IdxWriter {
    private IdxWriter() {}

    public static void write(Path file, int[] dims, byte[] data) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream raw = Files.newOutputStream(tmp);
                OutputStream maybeGz = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(maybeGz, 1 << 16))) {
            out.writeInt(0x00000800 | dims.length);
            for (int d : dims) out.writeInt(d);
            out.write(data);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
