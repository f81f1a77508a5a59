package org.oodrunner.components.datasets.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes POSIX ustar archives (gzip-compressed when the name ends in .gz or .tgz), as GNU tar does, for fixtures. */
public final class TarWriter {
    private TarWriter() {}

    /** Writes {@code entries} (name -> content, in iteration order) to {@code file}. */
    public static void write(Path file, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = file.toString().matches(".*\\.(gz|tgz)") ? new GZIPOutputStream(raw) : raw) {
            out.write(bytes(entries));
        }
    }

    public static byte[] bytes(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            if (name.length > 100) {
                // GNU long name: an 'L' entry holding the name, then the file with a truncated name.
                out.write(header("././@LongLink", name.length + 1, 'L'));
                out.write(name);
                out.write(new byte[1 + padding(name.length + 1)]);
            }
            byte[] content = e.getValue();
            out.write(header(e.getKey(), content.length, '0'));
            out.write(content);
            out.write(new byte[padding(content.length)]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static int padding(long size) {
        return (int) ((512 - size % 512) % 512);
    }

    private static byte[] header(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        put(h, 100, String.format("%07o", 0644));
        put(h, 108, String.format("%07o", 0));
        put(h, 116, String.format("%07o", 0));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) h[i] = ' ';
        int sum = 0;
        for (byte b : h) sum += b & 0xFF;
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
